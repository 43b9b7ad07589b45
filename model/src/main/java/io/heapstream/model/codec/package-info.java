/**
 * One codec per wire format, reader and writer side by side (the way Zipkin keeps its span codecs in its core).
 * Each fast path writes or reads exactly what the model's databind serdes ({@code Topics}) do; the databind serdes
 * stay the tests' oracle and the fallback for shapes the fast readers do not take.
 * <ul>
 * <li>Raw scrape JSON: {@link io.heapstream.model.codec.RawScrapeWriter} (the collector's producer) and
 * {@link io.heapstream.model.codec.ScrapeReader} (the aggregator's source, pruned to what it aggregates).
 * <li>Rollup JSON: {@link io.heapstream.model.codec.RollupJsonSerializer} (the aggregator's sinks) and
 * {@link io.heapstream.model.codec.RollupJsonReader} (every rollup consumer, through {@code Topics.ROLLUP}).
 * <li>UTC time text: {@link io.heapstream.model.UtcTimes} (read: plain UTC by hand, RFC 3339 otherwise; written:
 * as {@code Instant.toString()}), which every codec here and the collector's kubelet parser use.
 * </ul>
 */
package io.heapstream.model.codec;

package io.heapstream.bench.collector;

import io.heapstream.collector.kubelet.SummaryParser;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.Fixtures;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.compress.Compression;

/**
 * Kafka's codecs, as the producer runs them, on raw records made from every real capture (and the synthetic
 * nodes, whose replicated pods flatter every codec): compressed size and CPU per record.
 */
public final class CompressionBench {
    private CompressionBench() { }

    /** lz4 vs zstd (and gzip, snappy) on records made from every real capture and the synthetic nodes. */
    public static void main(String[] args) throws Exception {
        var inputs = new java.util.LinkedHashMap<String, byte[]>();
        for (String path : Fixtures.paths()) {
            if (path.contains("stats-summary") && path.endsWith(".json")) {
                inputs.put(path, record(Fixtures.bytes(path)));
            }
        }
        for (int pods : List.of(30, 110)) {
            inputs.put("synthetic " + pods + " pods", record(SyntheticNode.of(pods).summary()));
        }
        var threads = ManagementFactory.getThreadMXBean();
        System.out.println("| record | bytes | codec | compressed bytes | ratio | CPU µs per record |");
        System.out.println("|---|---:|---|---:|---:|---:|");
        for (var input : inputs.entrySet()) {
            deflate(input.getKey(), input.getValue(), threads);
            for (String codecName : List.of("lz4", "zstd", "gzip", "snappy")) {
                var codec = Compression.of(codecName).build();
                int size = 0;
                for (int i = 0; i < 300; i++) {
                    size = Codecs.compressedSize(codec, input.getValue());
                }
                int rounds = 500;
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < rounds; i++) {
                    Codecs.compressedSize(codec, input.getValue());
                }
                double us = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / rounds;
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %.1f | %.0f |%n", input.getKey(),
                        input.getValue().length, codecName, size, (double) input.getValue().length / size, us);
            }
        }
    }

    /** The JDK's deflate at level 1: how the publisher keeps records that wait for the broker. */
    static void deflate(String name, byte[] value, java.lang.management.ThreadMXBean threads) {
        int size = 0;
        for (int i = 0; i < 300; i++) {
            size = deflateSize(value);
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 500; i++) {
            deflateSize(value);
        }
        double us = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / 500;
        System.out.printf(Locale.ROOT, "| %s | %d | deflate-1 (buffer) | %d | %.1f | %.0f |%n", name, value.length, size,
                (double) value.length / size, us);
    }

    static int deflateSize(byte[] value) {
        var deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED);
        deflater.setInput(value);
        deflater.finish();
        byte[] out = new byte[value.length + 1024];
        int n = deflater.deflate(out);
        deflater.end();
        return n;
    }

    static byte[] record(byte[] summaryBody) throws Exception {
        var summary = SummaryParser.parse(summaryBody);
        var scrape = new RawScrape(RawScrape.SCHEMA_VERSION, "bench", "node", Instant.parse("2025-01-01T00:00:00Z"),
                summary.node(), summary.pods());
        return Topics.RAW_SCRAPE.serializer().serialize("raw", scrape);
    }

}

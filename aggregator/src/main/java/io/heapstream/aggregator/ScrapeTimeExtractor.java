package io.heapstream.aggregator;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a raw record = its scrape slot (the scrape's {@code scrapeTime}), so windows follow the scrape
 * grid and not arrival. Anything else (a tombstone) keeps the record's own timestamp; unreadable records never
 * get here (they go to the dead-letter topic first).
 */
public final class ScrapeTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof RawRecord raw) {
            return raw.sample().slotMillis();
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}

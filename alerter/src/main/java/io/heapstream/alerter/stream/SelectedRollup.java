package io.heapstream.alerter.stream;

import io.heapstream.model.codec.RollupJsonReader;
import io.heapstream.model.rollup.Rollup;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rollup record's value as read for a rule set: only what those rules need ({@link RuleIndex}), {@code null}
 * when they watch none of its level. The bytes are kept (a reference, not a copy) so that the processor can read
 * the record again when the rules were reloaded between reading and processing it.
 *
 * @param rollup  the selected parts, or null
 * @param readFor the rules it was read for
 * @param json    the record's value
 */
record SelectedRollup(Rollup rollup, RuleIndex readFor, byte[] json) {
    private static final Logger LOG = LoggerFactory.getLogger(SelectedRollup.class);

    /** The standalone alerter's {@link RollupInput}: the selected rollup, read again if the rules were reloaded. */
    static final RollupInput<SelectedRollup> INPUT = (selected, current) -> {
        if (selected != null && selected.readFor() != current) {
            try {
                selected = selected.readFor(current);   // the rules were reloaded since it was read
            } catch (IOException | RuntimeException e) {
                LOG.warn("rollup skipped: unreadable for the reloaded rules: {}", e.toString());
                return null;
            }
        }
        return selected == null ? null : selected.rollup();
    };

    /** The source's deserializer: a record that cannot be read is a SerializationException (dead-letter topic). */
    static Deserializer<SelectedRollup> deserializer(Supplier<RuleIndex> rules) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            var index = rules.get();
            try {
                return new SelectedRollup(read(bytes, index), index, bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read Rollup from topic " + topic + " (" + bytes.length
                        + " bytes): " + e.getMessage(), e);
            }
        };
    }

    /** The same bytes read for other rules; throws what the reader throws. */
    SelectedRollup readFor(RuleIndex index) throws IOException {
        return new SelectedRollup(read(json, index), index, json);
    }

    private static Rollup read(byte[] bytes, RuleIndex index) throws IOException {
        return RollupJsonReader.read(bytes, index);
    }
}

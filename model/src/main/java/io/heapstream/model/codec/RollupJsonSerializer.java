package io.heapstream.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.heapstream.model.Json;
import io.heapstream.model.UtcTimes;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes rollup keys and values as the model's serdes do (same fields, same rules: absent tags and empty
 * labels left out, ISO-8601 times and durations), with Jackson's streaming generator instead of reflection:
 * the aggregator writes one record per series and window, which made databind a visible share of its CPU.
 * {@code RollupJsonSerializerTest} pins the output to the model serializer's, as JSON trees, and to Jackson's own
 * double writer's, byte for byte.
 */
public final class RollupJsonSerializer {
    /**
     * Doubles written with Jackson's Schubfach writer: the shortest text that reads back as the same double
     * (JDK 17's {@code Double.toString} was a twentieth of the stream threads' CPU); the JSON values are the
     * same numbers, digits may differ where the JDK's were not the shortest. Whole numbers (most mins, maxes
     * and lasts) skip it through {@link DoubleText}, which writes the same bytes. Package-private so that
     * DoubleTextTest compares against this very factory's output.
     */
    static final JsonFactory FACTORY = Json.mapper().getFactory().rebuild()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString RESOURCE_ID = new SerializedString("resourceId");
    private static final SerializedString COUNT = new SerializedString("count");
    private static final SerializedString AVG = new SerializedString("avg");
    private static final SerializedString MIN = new SerializedString("min");
    private static final SerializedString MAX = new SerializedString("max");
    private static final SerializedString LAST = new SerializedString("last");
    /** One output buffer per thread, reset per rollup: growing a fresh one was a visible share of allocation. */
    private static final ThreadLocal<ByteArrayOutputStream> SCRATCH =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(8 << 10));

    private RollupJsonSerializer() { }

    public static Serializer<RollupKey> keys() {
        return (topic, key) -> key == null ? null : write(topic, g -> key(g, key));
    }

    public static Serializer<Rollup> values() {
        return values(DoubleText::write);
    }

    /** Rollup values with the stats' doubles written by {@code doubles}: tests pass Jackson's own writer. */
    static Serializer<Rollup> values(Doubles doubles) {
        return (topic, rollup) -> rollup == null ? null : write(topic, g -> rollup(g, rollup, doubles));
    }

    /** Writes one double as a JSON number value. */
    interface Doubles {
        void write(JsonGenerator g, double v) throws IOException;
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(String topic, Body body) {
        var out = SCRATCH.get();
        out.reset();
        try (var g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new SerializationException("cannot write a rollup for topic " + topic, e);
        }
        return out.toByteArray();
    }

    private static void rollup(JsonGenerator g, Rollup r, Doubles doubles) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", r.schemaVersion());
        g.writeFieldName("key");
        key(g, r.key());
        g.writeStringField("resolution", r.resolution().toString());
        g.writeStringField("windowStart", UtcTimes.text(r.windowStart()));
        g.writeStringField("windowEnd", UtcTimes.text(r.windowEnd()));
        g.writeArrayFieldStart("metrics");
        for (MetricStats m : r.metrics()) {
            g.writeStartObject();
            // pre-encoded field names: a rollup has a few dozen metrics of seven fields each
            g.writeFieldName(NAME);
            g.writeString(m.name());
            if (m.resourceId() != null) {
                g.writeFieldName(RESOURCE_ID);
                g.writeString(m.resourceId());
            }
            g.writeFieldName(COUNT);
            g.writeNumber(m.count());
            g.writeFieldName(AVG);
            doubles.write(g, m.avg());
            g.writeFieldName(MIN);
            doubles.write(g, m.min());
            g.writeFieldName(MAX);
            doubles.write(g, m.max());
            g.writeFieldName(LAST);
            doubles.write(g, m.last());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!r.labels().isEmpty()) {
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> e : new TreeMap<>(r.labels()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (r.image() != null && !r.image().isEmpty()) {
            g.writeStringField("image", r.image());
        }
        g.writeEndObject();
    }

    private static void key(JsonGenerator g, RollupKey k) throws IOException {
        g.writeStartObject();
        g.writeStringField("level", k.level().id());
        g.writeStringField("cluster", k.cluster());
        optional(g, "namespace", k.namespace());
        optional(g, "workload", k.workload());
        optional(g, "pod", k.pod());
        optional(g, "container", k.container());
        optional(g, "node", k.node());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}

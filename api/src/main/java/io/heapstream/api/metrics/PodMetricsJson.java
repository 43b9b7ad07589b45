package io.heapstream.api.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Predicate;

/**
 * PodMetrics and PodMetricsList as JSON, written token by token as the answer is sent: a list of all pods of a
 * large cluster (150,000 pods, 52 MB) is never built as objects, sorted or held as bytes. Both are
 * {@link JsonSerializable}, so the shared mapper writes them like any other answer (and tests read them back).
 */
final class PodMetricsJson {
    // field names encoded once: a list of all pods writes each of them hundreds of thousands of times
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString API_VERSION = new SerializedString("apiVersion");
    private static final SerializedString METADATA = new SerializedString("metadata");
    private static final SerializedString ITEMS = new SerializedString("items");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString NAMESPACE = new SerializedString("namespace");
    private static final SerializedString CREATION_TIMESTAMP = new SerializedString("creationTimestamp");
    private static final SerializedString LABELS = new SerializedString("labels");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString WINDOW = new SerializedString("window");
    private static final SerializedString CONTAINERS = new SerializedString("containers");
    private static final SerializedString USAGE = new SerializedString("usage");
    private static final SerializedString CPU = new SerializedString("cpu");
    private static final SerializedString MEMORY = new SerializedString("memory");
    private PodMetricsJson() { }

    /** One pod, with its {@code kind} and {@code apiVersion}. */
    static JsonSerializable one(PodUsage pod, String now) {
        return new Streamed(g -> write(g, pod, true, now));
    }

    /** The pods of {@code namespace} ({@code null}: all) that {@code filter} keeps, read as they are written. */
    static JsonSerializable list(LatestScrapes state, String namespace, Predicate<PodState> filter, String now) {
        return new Streamed(g -> {
            g.writeStartObject();
            string(g, KIND, "PodMetricsList");
            string(g, API_VERSION, Wire.GROUP_VERSION);
            object(g, METADATA);
            g.writeEndObject();
            array(g, ITEMS);
            state.forEachPod(namespace, filter, pod -> {
                try {
                    write(g, pod, false, now);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Field for field what the API server serves; list items carry no kind. */
    private static void write(JsonGenerator g, PodUsage pod, boolean single, String now) throws IOException {
        g.writeStartObject();
        if (single) {
            string(g, KIND, "PodMetrics");
            string(g, API_VERSION, Wire.GROUP_VERSION);
        }
        object(g, METADATA);
        string(g, NAME, pod.name());
        string(g, NAMESPACE, pod.namespace());
        string(g, CREATION_TIMESTAMP, now);
        if (!pod.labels().isEmpty()) {
            object(g, LABELS);
            for (Map.Entry<String, String> label : pod.labels().entrySet()) {
                g.writeStringField(label.getKey(), label.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        string(g, TIMESTAMP, KubeText.time(pod.timeNanos()));
        string(g, WINDOW, KubeText.duration(pod.windowNanos()));
        array(g, CONTAINERS);
        for (var container : pod.containers()) {
            g.writeStartObject();
            string(g, NAME, container.name());
            object(g, USAGE);
            string(g, CPU, KubeText.cpu(container.nanoCores()));
            string(g, MEMORY, KubeText.memory(container.workingSetBytes()));
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    private static void object(JsonGenerator g, SerializedString name) throws IOException {
        g.writeFieldName(name);
        g.writeStartObject();
    }

    private static void array(JsonGenerator g, SerializedString name) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static final class Streamed extends JsonSerializable.Base {
        private final Writer writer;

        Streamed(Writer writer) {
            this.writer = writer;
        }

        @Override
        public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
            try {
                writer.write(g);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer types)
                throws IOException {
            serialize(g, provider);
        }
    }
}

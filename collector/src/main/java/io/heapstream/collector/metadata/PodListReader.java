package io.heapstream.collector.metadata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's {@code /pods} PodList read into {@link PodDocument}s with a streaming parser. Not data binding:
 * Jackson's databind (≈ 500 classes of metadata on every node, docs/benchmarks-collector.md) is then never
 * loaded by {@code --metadata kubelet}. Unknown fields are skipped; {@code null} and absent are alike; a field of
 * the wrong JSON type fails the whole list as malformed, as data binding did.
 */
final class PodListReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonParser p;

    private PodListReader(JsonParser p) {
        this.p = p;
    }

    static List<PodDocument> read(byte[] body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            p.nextToken();
            var reader = new PodListReader(p);
            var items = new ArrayList<PodDocument>();
            if (!reader.object()) {
                return items;
            }
            while (reader.nextField()) {
                if (p.currentName().equals("items") && reader.array()) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(reader.pod());
                    }
                } else {
                    p.skipChildren();
                }
            }
            return items;
        }
    }

    private PodDocument pod() throws IOException {
        if (!object()) {
            return null;
        }
        PodDocument.Metadata metadata = null;
        PodDocument.Spec spec = null;
        PodDocument.Status status = null;
        while (nextField()) {
            switch (p.currentName()) {
                case "metadata" -> metadata = metadata();
                case "spec" -> spec = spec();
                case "status" -> status = status();
                default -> p.skipChildren();
            }
        }
        return new PodDocument(metadata, spec, status);
    }

    private PodDocument.Metadata metadata() throws IOException {
        if (!object()) {
            return null;
        }
        String name = null;
        String namespace = null;
        String uid = null;
        Map<String, String> labels = null;
        List<PodDocument.OwnerReference> owners = null;
        while (nextField()) {
            switch (p.currentName()) {
                case "name" -> name = string();
                case "namespace" -> namespace = string();
                case "uid" -> uid = string();
                case "labels" -> labels = strings();
                case "ownerReferences" -> owners = list(this::owner);
                default -> p.skipChildren();
            }
        }
        return new PodDocument.Metadata(name, namespace, uid, labels, owners);
    }

    private PodDocument.OwnerReference owner() throws IOException {
        if (!object()) {
            return null;
        }
        String kind = null;
        String name = null;
        Boolean controller = null;
        while (nextField()) {
            switch (p.currentName()) {
                case "kind" -> kind = string();
                case "name" -> name = string();
                case "controller" -> controller = bool();
                default -> p.skipChildren();
            }
        }
        return new PodDocument.OwnerReference(kind, name, controller);
    }

    private PodDocument.Spec spec() throws IOException {
        if (!object()) {
            return null;
        }
        String nodeName = null;
        List<PodDocument.Container> containers = null;
        List<PodDocument.Container> initContainers = null;
        while (nextField()) {
            switch (p.currentName()) {
                case "nodeName" -> nodeName = string();
                case "containers" -> containers = list(this::container);
                case "initContainers" -> initContainers = list(this::container);
                default -> p.skipChildren();
            }
        }
        return new PodDocument.Spec(nodeName, containers, initContainers);
    }

    private PodDocument.Container container() throws IOException {
        if (!object()) {
            return null;
        }
        String name = null;
        String image = null;
        PodDocument.Resources resources = null;
        while (nextField()) {
            switch (p.currentName()) {
                case "name" -> name = string();
                case "image" -> image = string();
                case "resources" -> resources = resources();
                default -> p.skipChildren();
            }
        }
        return new PodDocument.Container(name, image, resources);
    }

    private PodDocument.Resources resources() throws IOException {
        if (!object()) {
            return null;
        }
        Map<String, String> requests = null;
        Map<String, String> limits = null;
        while (nextField()) {
            switch (p.currentName()) {
                case "requests" -> requests = strings();
                case "limits" -> limits = strings();
                default -> p.skipChildren();
            }
        }
        return new PodDocument.Resources(requests, limits);
    }

    private PodDocument.Status status() throws IOException {
        if (!object()) {
            return null;
        }
        String qosClass = null;
        List<PodDocument.ContainerStatus> statuses = null;
        List<PodDocument.ContainerStatus> initStatuses = null;
        while (nextField()) {
            switch (p.currentName()) {
                case "qosClass" -> qosClass = string();
                case "containerStatuses" -> statuses = list(this::containerStatus);
                case "initContainerStatuses" -> initStatuses = list(this::containerStatus);
                default -> p.skipChildren();
            }
        }
        return new PodDocument.Status(qosClass, statuses, initStatuses);
    }

    private PodDocument.ContainerStatus containerStatus() throws IOException {
        if (!object()) {
            return null;
        }
        String name = null;
        Integer restartCount = null;
        while (nextField()) {
            switch (p.currentName()) {
                case "name" -> name = string();
                case "restartCount" -> restartCount = integer();
                default -> p.skipChildren();
            }
        }
        return new PodDocument.ContainerStatus(name, restartCount);
    }

    private interface Element<T> {
        T read() throws IOException;
    }

    private <T> List<T> list(Element<T> element) throws IOException {
        if (!array()) {
            return null;
        }
        var result = new ArrayList<T>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            result.add(element.read());
        }
        return result;
    }

    /** A map of strings (labels, quantities); quantities written as JSON numbers are kept as their text. */
    private Map<String, String> strings() throws IOException {
        if (!object()) {
            return null;
        }
        var result = new LinkedHashMap<String, String>();
        while (nextField()) {
            String key = p.currentName();
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                result.put(key, p.getText());
            } else if (t == JsonToken.VALUE_NULL) {
                result.put(key, null);
            } else {
                throw invalid("expected a string");
            }
        }
        return result;
    }

    private boolean nextField() throws IOException {
        if (p.nextToken() == JsonToken.END_OBJECT) {
            return false;
        }
        p.nextToken();
        return true;
    }

    private boolean object() throws IOException {
        return expect(JsonToken.START_OBJECT, "an object");
    }

    private boolean array() throws IOException {
        return expect(JsonToken.START_ARRAY, "an array");
    }

    private boolean expect(JsonToken token, String what) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (t != token) {
            throw invalid("expected " + what);
        }
        return true;
    }

    private String string() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            throw invalid("expected a string");
        }
        return p.getText();
    }

    private Boolean bool() throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw invalid("expected a boolean");
        };
    }

    private Integer integer() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw invalid("expected an integer");
        }
        return p.getIntValue();
    }

    private JsonParseException invalid(String message) {
        return new JsonParseException(p, message);
    }
}

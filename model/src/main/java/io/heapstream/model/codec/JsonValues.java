package io.heapstream.model.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.heapstream.model.UtcTimes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ScrapeReader}'s token readers. Each takes the parser on the value's first token and leaves it on the
 * value's last one. Only the canonical token type of a value is accepted (plus {@code null}); anything else
 * throws, so that the databind fallback, not this code, decides what a coercion means.
 */
final class JsonValues {
    private JsonValues() { }

    /** Reads one value; {@code null} for JSON null. */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonParser p) throws IOException;
    }

    static boolean isNull(JsonParser p) {
        return p.currentToken() == JsonToken.VALUE_NULL;
    }

    static String string(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            default -> throw unusual(p);
        };
    }

    static Long longValue(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NULL -> null;
            default -> throw unusual(p);
        };
    }

    /** As the aggregator's databind reader: RFC 3339 text (hand-parsed when UTC), or epoch milliseconds. */
    static Instant instant(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> {
                var text = p.getText().trim();
                var fast = UtcTimes.parsePlain(text);
                yield fast != null ? fast : Instant.parse(text);
            }
            case VALUE_NUMBER_INT -> Instant.ofEpochMilli(p.getLongValue());
            case VALUE_NULL -> null;
            default -> throw unusual(p);
        };
    }

    /** An array of {@code element}s, or {@code null}; a null element stays null (the records reject it). */
    static <T> List<T> list(JsonParser p, Reader<T> element) throws IOException {
        if (isNull(p)) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw unusual(p);
        }
        var out = new ArrayList<T>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(element.read(p));
        }
        return out;
    }

    /** An object read as a map of {@code value}s, or {@code null}. */
    static <T> Map<String, T> map(JsonParser p, Reader<T> value) throws IOException {
        if (isNull(p)) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw unusual(p);
        }
        var out = new TreeMap<String, T>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            var key = p.currentName();
            p.nextToken();
            out.put(key, value.read(p));
        }
        return out;
    }

    /**
     * A flat object's fields {@code names[i]} of type {@code types.charAt(i)} (S string, L long, I int,
     * T instant, B boolean) into an array; other fields are skipped unread. {@code null} for JSON null.
     */
    static Object[] object(JsonParser p, String[] names, String types) throws IOException {
        if (isNull(p)) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw unusual(p);
        }
        var values = new Object[names.length];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int i = indexOf(names, p.currentName());
            p.nextToken();
            if (i < 0) {
                p.skipChildren();
                continue;
            }
            values[i] = switch (types.charAt(i)) {
                case 'S' -> string(p);
                case 'L' -> longValue(p);
                case 'T' -> instant(p);
                case 'I' -> p.currentToken() == JsonToken.VALUE_NUMBER_INT ? Integer.valueOf(p.getIntValue())
                        : nullOrUnusual(p);
                case 'B' -> p.currentToken() == JsonToken.VALUE_TRUE || p.currentToken() == JsonToken.VALUE_FALSE
                        ? Boolean.valueOf(p.getBooleanValue()) : nullOrUnusual(p);
                default -> throw new IllegalArgumentException("type code " + types.charAt(i));
            };
        }
        return values;
    }

    private static Object nullOrUnusual(JsonParser p) throws IOException {
        if (isNull(p)) {
            return null;
        }
        throw unusual(p);
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static JsonParseException unusual(JsonParser p) {
        String field;
        try {
            field = p.currentName();
        } catch (IOException e) {
            field = "?";
        }
        return new JsonParseException(p, "not the canonical form: " + p.currentToken() + " at " + field);
    }
}

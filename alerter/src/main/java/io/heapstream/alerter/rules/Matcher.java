package io.heapstream.alerter.rules;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One tag condition of a selector: equal to a value, or (when {@code regex} is set) fully matching a regular
 * expression, as Prometheus' {@code =} and {@code =~}. A series without the tag matches neither.
 */
public record Matcher(String tag, String value, Pattern regex) {
    public Matcher {
        requireNonNull(tag, "tag");
    }

    public static Matcher exact(String tag, String value) {
        return new Matcher(tag, requireNonNull(value, "value"), null);
    }

    public static Matcher regex(String tag, String regex) {
        return new Matcher(tag, null, Pattern.compile(regex));
    }

    public boolean matches(Map<String, String> tags) {
        var v = tags.get(tag);
        if (v == null) {
            return false;
        }
        return regex == null ? v.equals(value) : regex.matcher(v).matches();
    }
}

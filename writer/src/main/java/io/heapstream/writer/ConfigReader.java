package io.heapstream.writer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads settings from a map keyed by environment variable names, collecting every problem instead of stopping at
 * the first, so that one start-up error lists all bad keys, each with its flag and its variable.
 */
final class ConfigReader {
    private final Map<String, String> values;
    private final List<String> errors = new ArrayList<>();

    ConfigReader(Map<String, String> values) {
        this.values = values;
    }

    /** The raw value, or {@code null} when absent or blank. */
    String raw(String env) {
        String value = values.get(env);
        return value == null || value.isBlank() ? null : value.trim();
    }

    String string(String env, String defaultValue) {
        String value = raw(env);
        return value == null ? defaultValue : value;
    }

    <T> T parsed(String env, String flag, String defaultText, Function<String, T> parser) {
        String text = string(env, defaultText);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            error(env, flag, e.getMessage() == null ? "'" + text + "' is invalid" : e.getMessage());
            return null;
        }
    }

    int positiveInt(String env, String flag, int defaultValue) {
        Integer value = parsed(env, flag, Integer.toString(defaultValue), text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a whole number");
            }
        });
        if (value != null && value < 1) {
            error(env, flag, "must be at least 1, was " + value);
        }
        return value == null ? defaultValue : value;
    }

    Duration positiveDuration(String env, String flag, String defaultValue) {
        Duration value = parsed(env, flag, defaultValue, Durations::parse);
        if (value != null && (value.isZero() || value.isNegative())) {
            error(env, flag, "must be positive, was " + values.get(env));
        }
        return value == null ? Durations.parse(defaultValue) : value;
    }

    boolean bool(String env, String flag, boolean defaultValue) {
        Boolean value = parsed(env, flag, Boolean.toString(defaultValue), text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        });
        return value == null ? defaultValue : value;
    }

    void error(String env, String flag, String problem) {
        errors.add(flag + " (" + env + "): " + problem);
    }

    /** @throws IllegalArgumentException listing every problem found */
    void throwIfInvalid(String what) {
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid " + what + " configuration: " + String.join("; ", errors));
        }
    }
}

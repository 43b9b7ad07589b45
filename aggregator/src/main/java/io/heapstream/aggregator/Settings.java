package io.heapstream.aggregator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads settings keyed by environment variable name, collecting every problem so that one message names
 * each bad setting with its flag and variable. Durations read as {@code 500ms}, {@code 30s}, {@code 1m},
 * {@code 1h}, {@code 1d} or ISO-8601 ({@code PT1M}).
 */
final class Settings {
    private final Map<String, String> values;
    private final List<String> errors = new ArrayList<>();

    Settings(Map<String, String> values) {
        this.values = values;
    }

    String string(String env, String fallback) {
        var v = values.get(env);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    int intAtLeast(String env, String flag, int fallback, int min) {
        return parsed(env, flag, String.valueOf(fallback), text -> {
            int v = Integer.parseInt(text);
            if (v < min) {
                throw new IllegalArgumentException("must be at least " + min + ", was " + v);
            }
            return v;
        });
    }

    long bytes(String env, String flag, long fallback) {
        return parsed(env, flag, String.valueOf(fallback), text -> {
            var t = text.toLowerCase(Locale.ROOT);
            long factor = t.endsWith("g") ? 1L << 30 : t.endsWith("m") ? 1L << 20 : t.endsWith("k") ? 1L << 10 : 1;
            long v = Long.parseLong(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
            if (v < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return v;
        });
    }

    Duration duration(String env, String flag, String fallback) {
        return parsed(env, flag, fallback, Settings::parseDuration);
    }

    List<Duration> durations(String env, String flag, String fallback) {
        return parsed(env, flag, fallback, text -> {
            var out = new ArrayList<Duration>();
            if (text.equalsIgnoreCase("none")) {
                return out;
            }
            for (var part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(parseDuration(part.trim()));
                }
            }
            return out;
        });
    }

    void error(String env, String flag, String message) {
        errors.add(flag + " (" + env + "): " + message);
    }

    void throwIfInvalid(String role) {
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid " + role + " settings: " + String.join("; ", errors));
        }
    }

    private <T> T parsed(String env, String flag, String fallback, Function<String, T> parser) {
        var text = string(env, fallback);
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            error(env, flag, "'" + text + "' " + e.getMessage());
            return parser.apply(fallback);
        }
    }

    static Duration parseDuration(String text) {
        var t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("is not a duration (500ms, 30s, 1m, 1h, 1d)");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("is not a duration (500ms, 30s, 1m, 1h, 1d)", e);
        }
    }
}

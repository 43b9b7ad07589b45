package io.heapstream.model.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one duration parser of every setting of every role: {@code 500ms}, {@code 30s}, {@code 1m}, {@code 1h},
 * {@code 1d}, compounds such as {@code 1h30m}, or ISO-8601 ({@code PT1M}). Units are read case-insensitively
 * ({@code 30S} is {@code 30s}): no duration unit differs from another by case alone. A bare number is refused,
 * since nothing says whether {@code 30} means seconds or milliseconds; so is a negative duration.
 */
public final class Durations {
    /** The accepted forms, as error messages and docs state them. */
    public static final String FORMS = "500ms, 30s, 1m, 1h, 1d, 1h30m or ISO-8601 PT1M";

    // "ms" before "m" and "s", so that 1ms is a millisecond and 1m5s a minute and five seconds
    private static final Pattern COMPOUND = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+(?:\\.\\d*)?");

    private Durations() { }

    /** @throws IllegalArgumentException quoting the text and saying what to write instead */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (BARE_NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text.strip() + "' has no unit: write e.g. " + t + "s or " + t
                    + "ms");
        }
        Duration duration;
        try {
            if (t.startsWith("p")) {
                duration = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (COMPOUND.matcher(t).matches()) {
                duration = sum(t);
            } else {
                throw notADuration(text);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw notADuration(text);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'" + text.strip() + "' is negative");
        }
        return duration;
    }

    private static Duration sum(String compound) {
        var total = Duration.ZERO;
        var part = PART.matcher(compound);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return total;
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text.strip() + "' is not a duration: write e.g. " + FORMS);
    }
}

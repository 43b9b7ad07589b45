package io.heapstream.alerter.rules;

import java.time.Duration;

/**
 * Durations in rules files, spelled as the settings spell them ({@code 30s}, {@code 5m}, {@code 1h}, ISO-8601).
 * The one place the alerter reads a duration: it delegates to the project's settings parser once that exists
 * (branch {@code settings}); until then it reads the same spellings.
 */
final class RuleDurations {
    private RuleDurations() { }

    static Duration parse(String text) {
        var t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("is not a duration (30s, 5m, 1h, 1d, PT5M)", e);
            }
        }
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, Math.max(0, t.length() - 1)));
            return switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("is not a duration (30s, 5m, 1h, 1d)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a duration (30s, 5m, 1h, 1d)", e);
        }
    }
}

package io.heapstream.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;

/**
 * A scrape's JSON bytes with the place of every timestamp in them, so that the same bytes can be sent again for
 * a later slot with every time moved by the same amount: generation at memory-copy speed, for load tests where
 * the simulator must not be the bottleneck. Counters stand still (rates come out zero); a string value that
 * happens to be a whole-second UTC timestamp moves too.
 */
final class ShiftableScrape {
    private final byte[] json;
    private final int[] positions;
    private final long[] seconds;

    private ShiftableScrape(byte[] json, int[] positions, long[] seconds) {
        this.json = json;
        this.positions = positions;
        this.seconds = seconds;
    }

    /** Finds every {@code "yyyy-MM-ddTHH:mm:ssZ"} string in the JSON. */
    static ShiftableScrape of(byte[] json) {
        var positions = new int[64];
        var seconds = new long[64];
        int count = 0;
        for (int i = 0; i + JsonText.INSTANT_LENGTH + 1 < json.length; i++) {
            if (json[i] == '"' && json[i + JsonText.INSTANT_LENGTH + 1] == '"' && json[i + 20] == 'Z'
                    && json[i + 11] == 'T' && json[i + 5] == '-' && json[i + 8] == '-') {
                long epochSecond = parse(json, i + 1);
                if (epochSecond != Long.MIN_VALUE) {
                    if (count == positions.length) {
                        positions = Arrays.copyOf(positions, count * 2);
                        seconds = Arrays.copyOf(seconds, count * 2);
                    }
                    positions[count] = i + 1;
                    seconds[count++] = epochSecond;
                    i += JsonText.INSTANT_LENGTH;
                }
            }
        }
        return new ShiftableScrape(json, Arrays.copyOf(positions, count), Arrays.copyOf(seconds, count));
    }

    /** The bytes as they were generated. */
    byte[] original() {
        return json;
    }

    /** A copy with every timestamp moved by {@code shift} (whole seconds). */
    byte[] shifted(Duration shift) {
        var out = json.clone();
        long delta = shift.toSeconds();
        var formatted = new HashMap<Long, byte[]>();
        for (int i = 0; i < positions.length; i++) {
            var text = formatted.computeIfAbsent(seconds[i] + delta, s -> {
                var b = new byte[JsonText.INSTANT_LENGTH];
                return JsonText.writeInstant(b, 0, s) ? b : null;
            });
            if (text != null) {
                System.arraycopy(text, 0, out, positions[i], text.length);
            }
        }
        return out;
    }

    /** Whole-second epoch of {@code yyyy-MM-ddTHH:mm:ssZ} at {@code at}, or {@code Long.MIN_VALUE}. */
    private static long parse(byte[] b, int at) {
        long year = number(b, at, 4);
        long month = number(b, at + 5, 2);
        long day = number(b, at + 8, 2);
        long hour = number(b, at + 11, 2);
        long minute = number(b, at + 14, 2);
        long second = number(b, at + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59
                || b[at + 13] != ':' || b[at + 16] != ':') {
            return Long.MIN_VALUE;
        }
        // days from civil, after H. Hinnant
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        long days = era * 146_097 + dayOfEra - 719_468;
        return days * 86_400 + hour * 3_600 + minute * 60 + second;
    }

    private static long number(byte[] b, int at, int width) {
        long value = 0;
        for (int i = at; i < at + width; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}

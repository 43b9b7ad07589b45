package io.heapstream.model.settings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one byte-size parser of every setting of every role, in the style of Kubernetes quantities: plain bytes
 * ({@code 1048576}), binary {@code Ki Mi Gi Ti} (1024-based; {@code KiB MiB GiB TiB} too) and decimal
 * {@code k M G T} (1000-based; {@code K} too). Units are case-sensitive, as in Kubernetes, and a fraction is
 * rounded up to a whole byte ({@code 1.5Ki} = 1536). Refused: {@code m}, which is milli in a Kubernetes quantity
 * and mega to a JVM flag (Kubernetes would read {@code 64m} as a 1-byte buffer), and for the same reason
 * {@code g} and {@code t}; negative sizes; anything else.
 */
public final class ByteSizes {
    /** The accepted forms, as error messages and docs state them. */
    public static final String FORMS = "1048576, 512Ki, 64Mi, 2Gi (binary) or 500k, 64M, 2G (decimal)";

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([A-Za-z]*)");
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ByteSizes() { }

    /** @throws IllegalArgumentException quoting the text and saying what to write instead */
    public static long parse(String text) {
        String t = text.strip();
        var size = SIZE.matcher(t);
        if (!size.matches()) {
            throw notASize(t);
        }
        String number = size.group(1);
        String unit = size.group(2);
        long factor = switch (unit) {
            case "" -> 1;
            case "k", "K" -> 1000L;
            case "M" -> 1000_000L;
            case "G" -> 1000_000_000L;
            case "T" -> 1000_000_000_000L;
            case "Ki", "KiB" -> 1L << 10;
            case "Mi", "MiB" -> 1L << 20;
            case "Gi", "GiB" -> 1L << 30;
            case "Ti", "TiB" -> 1L << 40;
            case "m" -> throw ambiguous(number, "M", "mebibytes", "megabytes");
            case "g" -> throw ambiguous(number, "G", "gibibytes", "gigabytes");
            case "t" -> throw ambiguous(number, "T", "tebibytes", "terabytes");
            default -> throw notASize(t);
        };
        var bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.CEILING);
        if (bytes.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + t + "' is too large");
        }
        return bytes.longValueExact();
    }

    private static IllegalArgumentException ambiguous(String number, String unit, String binary, String decimal) {
        return new IllegalArgumentException("'" + number + unit.toLowerCase(Locale.ROOT) + "' is ambiguous:"
                + " write " + number + unit + "i (" + binary + ") or " + number + unit + " (" + decimal + ")");
    }

    private static IllegalArgumentException notASize(String text) {
        return new IllegalArgumentException("'" + text + "' is not a byte size: write e.g. " + FORMS
                + " (units are case-sensitive)");
    }
}

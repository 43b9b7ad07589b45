package io.heapstream.collector.metadata;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Kubernetes resource quantities ({@code 100m}, {@code 0.5}, {@code 128Mi}, {@code 1G}, {@code 129e6}) as
 * millicores or bytes. Own code rather than fabric8's {@code Quantity}, so the kubelet metadata mode does not
 * load the Kubernetes client at all. Rounds up, as Kubernetes does; {@code null} when the text is not a quantity.
 */
public final class Quantities {
    private Quantities() { }

    public static Long millicores(String quantity) {
        BigDecimal value = parse(quantity);
        return value == null ? null : clamp(value.movePointRight(3));
    }

    public static Long bytes(String quantity) {
        BigDecimal value = parse(quantity);
        return value == null ? null : clamp(value);
    }

    static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        int end = s.length();
        while (end > 0 && Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        String suffix = s.substring(end);
        String number = s.substring(0, end);
        BigDecimal factor = factor(suffix);
        if (factor == null || number.isEmpty()) {
            return null;
        }
        try {
            // BigDecimal reads the decimal-exponent form (129e6) itself.
            return new BigDecimal(number).multiply(factor);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal factor(String suffix) {
        return switch (suffix) {
            case "" -> BigDecimal.ONE;
            case "n" -> BigDecimal.ONE.movePointLeft(9);
            case "u" -> BigDecimal.ONE.movePointLeft(6);
            case "m" -> BigDecimal.ONE.movePointLeft(3);
            case "k" -> BigDecimal.ONE.movePointRight(3);
            case "M" -> BigDecimal.ONE.movePointRight(6);
            case "G" -> BigDecimal.ONE.movePointRight(9);
            case "T" -> BigDecimal.ONE.movePointRight(12);
            case "P" -> BigDecimal.ONE.movePointRight(15);
            case "E" -> BigDecimal.ONE.movePointRight(18);
            case "Ki" -> BigDecimal.valueOf(1L << 10);
            case "Mi" -> BigDecimal.valueOf(1L << 20);
            case "Gi" -> BigDecimal.valueOf(1L << 30);
            case "Ti" -> BigDecimal.valueOf(1L << 40);
            case "Pi" -> BigDecimal.valueOf(1L << 50);
            case "Ei" -> BigDecimal.valueOf(1L << 60);
            default -> null;
        };
    }

    private static Long clamp(BigDecimal value) {
        BigDecimal rounded = value.setScale(0, RoundingMode.CEILING);
        if (rounded.signum() < 0 || rounded.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return null;
        }
        return rounded.longValueExact();
    }
}

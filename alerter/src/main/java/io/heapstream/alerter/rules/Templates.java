package io.heapstream.alerter.rules;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Annotation templates: {@code {{name}}} is replaced by the alert's label of that name (the series' tags,
 * {@code alertname}, {@code severity}, the rule's labels), {@code {{value}}} by the value with four significant
 * digits and {@code {{value_percent}}} by the value times 100 with one decimal. Unknown names are refused at start.
 */
public final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private Templates() { }

    /** The first placeholder of {@code template} that is none of {@code known} nor a value, or {@code null}. */
    public static String unknownName(String template, Set<String> known) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            var name = m.group(1);
            if (!known.contains(name) && !name.equals("value") && !name.equals("value_percent")) {
                return name;
            }
        }
        return null;
    }

    public static String fill(String template, Map<String, String> labels, double value) {
        Matcher m = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            var name = m.group(1);
            String replacement = switch (name) {
                case "value" -> format(value);
                case "value_percent" -> Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.1f%%", value * 100);
                default -> labels.getOrDefault(name, "");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Four significant digits, no exponent below 10^9, no trailing zeros: 0.9312, 1536, 2.5e+10. */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        var text = Math.abs(value) >= 1e9 ? String.format(Locale.ROOT, "%.4g", value)
                : new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return text;
    }
}

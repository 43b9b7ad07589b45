package io.heapstream.api.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Kubernetes' label and field selectors as the API server passes them in {@code labelSelector} and
 * {@code fieldSelector}: comma-separated requirements {@code k}, {@code !k}, {@code k=v}, {@code k==v},
 * {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k>n}, {@code k<n}; all must hold. A field
 * selector is the same grammar over a fixed set of fields and the equality operators only. Malformed text
 * throws {@link IllegalArgumentException} with a message fit for a 400 {@code Status}.
 */
final class Selector {
    private static final Pattern SET = Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$");
    private static final Pattern COMPARE = Pattern.compile("^([^!=<>\\s]+)\\s*(==|!=|=|<|>)\\s*(.*)$");
    private static final Pattern EXISTS = Pattern.compile("^(!?)([^!=<>\\s(),]+)$");

    private Selector() { }

    /** Everything when {@code text} is null or blank. */
    static Predicate<Map<String, String>> labels(String text) {
        return parse(text, null);
    }

    /** A field selector over {@code fields} (e.g. {@code metadata.name}); unknown fields are an error. */
    static Predicate<Map<String, String>> fields(String text, Set<String> fields) {
        return parse(text, fields);
    }

    private static Predicate<Map<String, String>> parse(String text, Set<String> fields) {
        Predicate<Map<String, String>> all = m -> true;
        if (text == null || text.isBlank()) {
            return all;
        }
        for (String requirement : split(text)) {
            all = all.and(requirement(requirement.trim(), fields));
        }
        return all;
    }

    private static Predicate<Map<String, String>> requirement(String text, Set<String> fields) {
        var kind = fields == null ? "label" : "field";
        var set = SET.matcher(text);
        if (fields == null && set.matches()) {
            var key = set.group(1);
            var values = new ArrayList<String>();
            for (String v : set.group(3).split(",", -1)) {
                values.add(v.trim());
            }
            boolean in = set.group(2).equals("in");
            return m -> in == (m.containsKey(key) && values.contains(m.get(key)));
        }
        var compare = COMPARE.matcher(text);
        if (compare.matches()) {
            var key = compare.group(1);
            var op = compare.group(2);
            var value = compare.group(3).trim();
            if (fields != null && !fields.contains(key)) {
                throw new IllegalArgumentException("field label not supported: " + key);
            }
            if (fields != null && (op.equals("<") || op.equals(">"))) {
                throw new IllegalArgumentException("invalid field selector operator " + op + " in: " + text);
            }
            return switch (op) {
                case "=", "==" -> m -> value.equals(m.get(key));
                case "!=" -> m -> !value.equals(m.get(key));
                default -> number(key, op, value, text);
            };
        }
        var exists = EXISTS.matcher(text);
        if (fields == null && exists.matches()) {
            var key = exists.group(2);
            boolean negated = !exists.group(1).isEmpty();
            return m -> negated != m.containsKey(key);
        }
        throw new IllegalArgumentException("unable to parse requirement: invalid " + kind + " selector: " + text);
    }

    private static Predicate<Map<String, String>> number(String key, String op, String value, String text) {
        long bound;
        try {
            bound = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("for 'gt', 'lt' operators, the value must be an integer: " + text);
        }
        return m -> {
            var actual = m.get(key);
            if (actual == null) {
                return false;
            }
            try {
                long v = Long.parseLong(actual);
                return op.equals(">") ? v > bound : v < bound;
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }

    /** Splits on commas outside parentheses. */
    private static List<String> split(String text) {
        var parts = new ArrayList<String>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unable to parse requirement: unbalanced parentheses in: " + text);
        }
        parts.add(text.substring(start));
        for (String part : parts) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("unable to parse requirement: empty requirement in: " + text);
            }
        }
        return parts;
    }
}

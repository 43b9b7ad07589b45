package io.heapstream.alerter.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.settings.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** One rule's YAML fields, each with its line, turned into a checked {@link Rule} or a {@link Problem}. */
final class RuleFields {
    static final Set<String> KEYS = Set.of("alert", "level", "match", "match_regex", "condition", "absent_for", "for",
            "keep_firing_for", "severity", "labels", "annotations");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern WINDOWS = Pattern.compile("(\\d+)\\s*windows?");

    record Field(JsonNode value, int line) { }

    /** What is wrong, and on which line. */
    static final class Problem extends Exception {
        private final int line;

        Problem(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private final Map<String, Field> fields;
    private final int line;

    RuleFields(Map<String, Field> fields, int line) {
        this.fields = fields;
        this.line = line;
    }

    Rule rule() throws Problem {
        for (var e : fields.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new Problem(e.getValue().line(), "unknown key '" + e.getKey() + "' (a rule has "
                        + KEYS.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
        var name = required("alert");
        if (!LABEL_NAME.matcher(name).matches()) {
            throw new Problem(fields.get("alert").line(), "alert name '" + name + "' must match " + LABEL_NAME);
        }
        var level = level();
        var tags = new HashSet<>(Tags.of(level));
        var matchers = new ArrayList<Matcher>();
        for (var e : strings("match").entrySet()) {
            matchers.add(Matcher.exact(tag("match", e.getKey(), level, tags), e.getValue()));
        }
        for (var e : strings("match_regex").entrySet()) {
            try {
                matchers.add(Matcher.regex(tag("match_regex", e.getKey(), level, tags), e.getValue()));
            } catch (PatternSyntaxException bad) {
                throw new Problem(fields.get("match_regex").line(), "match_regex." + e.getKey() + ": not a regular "
                        + "expression: " + bad.getDescription());
            }
        }
        Expression condition = null;
        Duration absentFor = null;
        if (fields.containsKey("condition") == fields.containsKey("absent_for")) {
            throw new Problem(line, "alert " + name + ": give either 'condition' or 'absent_for'");
        }
        if (fields.containsKey("condition")) {
            try {
                condition = ExpressionParser.parse(required("condition"));
            } catch (IllegalArgumentException e) {
                throw new Problem(fields.get("condition").line(), e.getMessage());
            }
        } else {
            absentFor = duration("absent_for");
            if (absentFor.isZero()) {
                throw new Problem(fields.get("absent_for").line(), "absent_for must be positive");
            }
        }
        Duration forDuration = Duration.ZERO;
        int forWindows = 0;
        var forText = optional("for");
        if (forText != null) {
            var windows = WINDOWS.matcher(forText.trim().toLowerCase(Locale.ROOT));
            if (windows.matches()) {
                forWindows = Integer.parseInt(windows.group(1));
            } else {
                forDuration = duration("for");
            }
        }
        var severity = optional("severity");
        var labels = new LinkedHashMap<>(strings("labels"));
        for (var label : labels.keySet()) {
            if (!LABEL_NAME.matcher(label).matches() || label.equals("alertname") || label.equals("severity")) {
                throw new Problem(fields.get("labels").line(), "label '" + label + "' must match " + LABEL_NAME
                        + " and not be alertname or severity (those come from alert and severity)");
            }
        }
        var known = new HashSet<>(tags);
        known.addAll(labels.keySet());
        known.addAll(List.of("alertname", "severity", Tags.RESOURCE_ID));
        var annotations = strings("annotations");
        for (var e : annotations.entrySet()) {
            var unknown = Templates.unknownName(e.getValue(), known);
            if (unknown != null) {
                throw new Problem(fields.get("annotations").line(), "annotation " + e.getKey() + ": {{" + unknown
                        + "}} is not a label of level " + level.id() + " (known: value, value_percent, "
                        + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
        return new Rule(name, level, matchers, condition, absentFor, forDuration, forWindows,
                fields.containsKey("keep_firing_for") ? duration("keep_firing_for") : Duration.ZERO,
                severity == null ? "warning" : severity, labels, annotations);
    }

    private Level level() throws Problem {
        var id = required("level");
        try {
            return Level.fromId(id.trim());
        } catch (IllegalArgumentException e) {
            throw new Problem(fields.get("level").line(), "unknown level '" + id + "' (one of "
                    + Arrays.stream(Level.values()).map(Level::id).collect(Collectors.joining(", ")) + ")");
        }
    }

    private String tag(String key, String tag, Level level, Set<String> tags) throws Problem {
        if (!tags.contains(tag)) {
            throw new Problem(fields.get(key).line(), key + ": level " + level.id() + " has no tag '" + tag + "' (its tags: "
                    + String.join(", ", Tags.of(level)) + ")");
        }
        return tag;
    }

    private String required(String key) throws Problem {
        var v = optional(key);
        if (v == null || v.isBlank()) {
            throw new Problem(fields.containsKey(key) ? fields.get(key).line() : line, "missing '" + key + "'");
        }
        return v;
    }

    private String optional(String key) throws Problem {
        var f = fields.get(key);
        if (f == null || f.value().isNull()) {
            return null;
        }
        if (!f.value().isValueNode()) {
            throw new Problem(f.line(), "'" + key + "' must be a single value");
        }
        return f.value().asText();
    }

    private Duration duration(String key) throws Problem {
        var text = required(key);
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Problem(fields.get(key).line(), key + ": " + e.getMessage()
                    + (key.equals("for") ? " (or N windows)" : ""));
        }
    }

    private Map<String, String> strings(String key) throws Problem {
        var f = fields.get(key);
        if (f == null || f.value().isNull()) {
            return Map.of();
        }
        if (!f.value().isObject()) {
            throw new Problem(f.line(), "'" + key + "' must be a mapping of names to values");
        }
        var out = new LinkedHashMap<String, String>();
        for (var it = f.value().fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new Problem(f.line(), key + "." + e.getKey() + " must be a single value");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}

package io.heapstream.alerter.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Reads and checks a rules file (docs/alerts.md): YAML with a {@code rules:} list. The YAML is walked token by
 * token rather than bound to classes so that every problem, of the YAML or of a rule, names the line it is on.
 */
public final class RuleFile {
    /** The default rules, a class-path resource. */
    public static final String DEFAULTS = "/io/heapstream/alerter/default-rules.yaml";
    private static final YAMLMapper YAML = new YAMLMapper();

    private RuleFile() { }

    /** The file's rules, or a {@link RuleFileException} naming the file, the line and what is wrong. */
    public static List<Rule> load(Path file) throws RuleFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new RuleFileException(file, 0, "no such file");
        } catch (IOException e) {
            throw new RuleFileException(file, 0, "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** The default rule set, {@value #DEFAULTS} in this module's resources (documented in docs/alerts.md). */
    public static List<Rule> defaults() throws RuleFileException {
        try (var in = RuleFile.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS);
            }
            return parse(Path.of("default-rules.yaml"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + DEFAULTS, e);
        }
    }

    /** Parses rules from text; {@code file} is only what messages call it. */
    public static List<Rule> parse(Path file, String text) throws RuleFileException {
        try (JsonParser p = YAML.createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RuleFileException(file, line(p), "expected a mapping with 'rules:' (see docs/alerts.md)");
            }
            List<Rule> rules = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                var key = p.currentName();
                int keyLine = line(p);
                p.nextToken();
                if (!key.equals("rules")) {
                    throw new RuleFileException(file, keyLine, "unknown key '" + key + "' (expected 'rules')");
                }
                rules = rules(file, p);
            }
            if (rules == null) {
                throw new RuleFileException(file, line(p), "no 'rules:' list");
            }
            return List.copyOf(rules);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new RuleFileException(file, location == null ? 0 : location.getLineNr(),
                    "not valid YAML: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new RuleFileException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    private static List<Rule> rules(Path file, JsonParser p) throws IOException, RuleFileException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new RuleFileException(file, line(p), "'rules' must be a list of rules");
        }
        var rules = new ArrayList<Rule>();
        var namesAt = new HashMap<String, Integer>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int ruleLine = line(p);
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new RuleFileException(file, ruleLine, "a rule must be a mapping (alert:, level:, ...)");
            }
            var fields = new java.util.LinkedHashMap<String, RuleFields.Field>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                var name = p.currentName();
                int fieldLine = line(p);
                p.nextToken();
                JsonNode value = p.readValueAsTree();
                fields.put(name, new RuleFields.Field(value, fieldLine));
            }
            try {
                var rule = new RuleFields(fields, ruleLine).rule();
                var earlier = namesAt.putIfAbsent(rule.name(), ruleLine);
                if (earlier != null) {
                    throw new RuleFields.Problem(ruleLine, "alert '" + rule.name() + "' is already defined at line "
                            + earlier);
                }
                rules.add(rule);
            } catch (RuleFields.Problem problem) {
                throw new RuleFileException(file, problem.line(), problem.getMessage());
            }
        }
        return rules;
    }

    /** SnakeYAML's messages span lines, with a quoted snippet and a caret: keep the sentences. */
    private static String oneLine(String message) {
        return message.lines().filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.startsWith("\t"))
                .map(String::strip).collect(java.util.stream.Collectors.joining("; "));
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}

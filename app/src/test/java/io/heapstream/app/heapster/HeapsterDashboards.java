package io.heapstream.app.heapster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapstream.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queries of Heapster's own dashboards (fixtures/heapster-dashboards/), as Grafana runs them. Their targets
 * are in Grafana's InfluxDB query-builder form ({@code rawQuery} unset): Grafana renders the query from
 * {@code select}, {@code measurement}, {@code tags} and {@code groupBy}, and the stored {@code query} text is a
 * stale copy (it says {@code mean} where the builder says {@code sum}), so the query is rendered here the same
 * way. Hidden targets are not run by Grafana and are left out.
 */
final class HeapsterDashboards {
    static final List<String> FILES = List.of("heapster-dashboards/cluster.json", "heapster-dashboards/pods.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");

    /** A template variable: its name and the InfluxQL that offers its values. */
    record Variable(String name, String query) { }

    /** One target of one panel, its query with the variables still in it. */
    record Target(String dashboard, String panel, String refId, String query) {
        String id() {
            return dashboard + "\t" + panel + "\t" + refId;
        }
    }

    record Dashboard(String file, List<Variable> variables, List<Target> targets) { }

    static List<Dashboard> all() {
        return FILES.stream().map(HeapsterDashboards::read).toList();
    }

    private static Dashboard read(String file) {
        JsonNode root;
        try {
            root = JSON.readTree(Fixtures.bytes(file)).path("dashboard");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var variables = new ArrayList<Variable>();
        root.path("templating").path("list").forEach(v -> variables.add(new Variable(v.path("name").asText(),
                v.path("query").asText())));
        var targets = new ArrayList<Target>();
        String name = file.substring(file.lastIndexOf('/') + 1);
        for (JsonNode row : root.path("rows")) {
            for (JsonNode panel : row.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    if (!target.path("hide").asBoolean(false)) {
                        String query = target.path("rawQuery").asBoolean(false) ? target.path("query").asText()
                                : render(target);
                        targets.add(new Target(name, panel.path("title").asText(), target.path("refId").asText(),
                                query));
                    }
                }
            }
        }
        return new Dashboard(name, variables, targets);
    }

    /** Grafana's InfluxQueryModel.render for the parts these dashboards use. */
    static String render(JsonNode target) {
        var selects = new ArrayList<String>();
        for (JsonNode parts : target.path("select")) {
            String expression = "";
            for (JsonNode part : parts) {
                String type = part.path("type").asText();
                if (type.equals("field")) {
                    expression = "\"" + part.path("params").path(0).asText() + "\"";
                } else {
                    expression = type + "(" + expression + ")";
                }
            }
            selects.add(expression);
        }
        var where = new StringBuilder();
        for (JsonNode tag : target.path("tags")) {
            if (!where.isEmpty()) {
                where.append(' ').append(tag.path("condition").asText("AND")).append(' ');
            }
            String value = tag.path("value").asText();
            String operator = tag.path("operator").asText(value.startsWith("/") ? "=~" : "=");
            boolean regex = operator.equals("=~") || operator.equals("!~");
            where.append('"').append(tag.path("key").asText()).append("\" ").append(operator).append(' ')
                    .append(regex ? value : "'" + value.replace("'", "\\'") + "'");
        }
        var groupBy = new ArrayList<String>();
        String fill = "";
        for (JsonNode part : target.path("groupBy")) {
            String param = part.path("params").path(0).asText();
            switch (part.path("type").asText()) {
                case "time" -> groupBy.add("time(" + param + ")");
                case "tag" -> groupBy.add("\"" + param + "\"");
                case "fill" -> fill = " fill(" + param + ")";
                default -> throw new IllegalArgumentException("group by " + part);
            }
        }
        return "SELECT " + String.join(", ", selects) + " FROM \"" + target.path("measurement").asText()
                + "\" WHERE " + (where.isEmpty() ? "" : where + " AND ") + "$timeFilter"
                + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy)) + fill;
    }

    /** Substitutes {@code $name} as Grafana does for a single-value variable: the value as it is. */
    static String interpolate(String query, java.util.Map<String, String> values) {
        Matcher m = VARIABLE.matcher(query);
        var out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new AssertionError("no value for $" + m.group(1) + " in " + query);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package io.heapstream.deploy.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapstream.deploy.DeployPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The dashboards of deploy/grafana/dashboards/, read into what the tests need of them. */
final class Dashboards {
    static final String INFLUX_UID = "heapstream-influxdb";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() { }

    record Dashboard(String file, String uid, String title, JsonNode json, List<Variable> variables,
                     List<Panel> panels) {
        boolean usesInflux() {
            return panels.stream().flatMap(p -> p.targets().stream()).anyMatch(Target::isInflux);
        }

        Variable variable(String name) {
            return variables.stream().filter(v -> v.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(file + " has no variable " + name));
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** A template variable: {@code query} is InfluxQL for query variables, the options for custom ones. */
    record Variable(String name, String type, String query, String datasourceUid, boolean multi, boolean includeAll,
                    String allValue, List<String> optionValues) {
        /** Grafana formats a value as a regex (escaped, alternatives joined) only for these. */
        boolean regexFormatted() {
            return multi || includeAll;
        }
    }

    record Panel(String title, String type, JsonNode json, List<Target> targets) {
        String unit() {
            return json.path("fieldConfig").path("defaults").path("unit").asText("");
        }

        boolean stacked() {
            return "normal".equals(json.path("fieldConfig").path("defaults").path("custom").path("stacking")
                    .path("mode").asText());
        }
    }

    /** One query of a panel: InfluxQL ({@code query}) or PromQL ({@code expr}). */
    record Target(String refId, String datasourceType, String datasourceUid, String text, String resultFormat) {
        boolean isInflux() {
            return "influxdb".equals(datasourceType);
        }
    }

    static List<Dashboard> all() {
        Path dir = DeployPaths.deployDir().resolve("grafana/dashboards");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Dashboards::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Dashboard> influx() {
        return all().stream().filter(Dashboard::usesInflux).toList();
    }

    static Dashboard read(Path file) {
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        var variables = new ArrayList<Variable>();
        for (JsonNode v : json.path("templating").path("list")) {
            variables.add(variable(v));
        }
        var panels = new ArrayList<Panel>();
        collectPanels(json.path("panels"), panels);
        return new Dashboard(file.getFileName().toString(), json.path("uid").asText(), json.path("title").asText(),
                json, List.copyOf(variables), List.copyOf(panels));
    }

    private static Variable variable(JsonNode v) {
        JsonNode query = v.path("query");
        // Grafana 10+ may store an InfluxDB variable query as an object {"query": "...", "refId": ...}.
        String text = query.isObject() ? query.path("query").asText() : query.asText();
        var options = new ArrayList<String>();
        v.path("options").forEach(o -> options.add(o.path("value").asText()));
        return new Variable(v.path("name").asText(), v.path("type").asText(), text,
                v.path("datasource").path("uid").asText(null), v.path("multi").asBoolean(),
                v.path("includeAll").asBoolean(), v.path("allValue").asText(null), List.copyOf(options));
    }

    private static void collectPanels(JsonNode panels, List<Panel> out) {
        for (JsonNode p : panels) {
            if ("row".equals(p.path("type").asText())) {
                collectPanels(p.path("panels"), out);
                continue;
            }
            var targets = new ArrayList<Target>();
            for (JsonNode t : p.path("targets")) {
                JsonNode ds = t.has("datasource") ? t.path("datasource") : p.path("datasource");
                String text = t.has("expr") ? t.path("expr").asText() : t.path("query").asText();
                targets.add(new Target(t.path("refId").asText(), ds.path("type").asText(), ds.path("uid").asText(),
                        text, t.path("resultFormat").asText("time_series")));
            }
            out.add(new Panel(p.path("title").asText(), p.path("type").asText(), p, List.copyOf(targets)));
        }
    }
}

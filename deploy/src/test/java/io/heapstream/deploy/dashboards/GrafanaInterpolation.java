package io.heapstream.deploy.dashboards;

import io.heapstream.deploy.dashboards.Dashboards.Dashboard;
import io.heapstream.deploy.dashboards.Dashboards.Variable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes template variables into an InfluxQL query the way Grafana's InfluxDB datasource does, so the
 * query InfluxDB runs in the test is the one it would run behind the dashboard:
 * <ul>
 *   <li>a multi-value or include-All variable is regex-escaped, several values joined as {@code (a|b)};</li>
 *   <li>"All" becomes the variable's custom all value ({@code .*}), not escaped;</li>
 *   <li>any other variable is substituted as it is ({@code $rp} → {@code rp_1m});</li>
 *   <li>{@code $timeFilter} becomes {@code time >= <from>ms and time <= <to>ms}, {@code $__interval} the
 *       interval Grafana computed (here: the resolution, its lower bound for rollups).</li>
 * </ul>
 */
final class GrafanaInterpolation {
    /** A selection: the values chosen for one variable; {@link #ALL} for Grafana's "All". */
    static final List<String> ALL = List.of("$__all");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");
    // Grafana's escapeRegex: every regex metacharacter and the slash that delimits InfluxQL regexes.
    private static final Pattern REGEX_META = Pattern.compile("[\\\\^$*+?.()|\\[\\]{}/]");

    private final Dashboard dashboard;
    private final Map<String, List<String>> selection;
    private final Instant from;
    private final Instant to;
    private final Duration interval;

    GrafanaInterpolation(Dashboard dashboard, Map<String, List<String>> selection, Instant from, Instant to,
                         Duration interval) {
        this.dashboard = dashboard;
        this.selection = Map.copyOf(selection);
        this.from = from;
        this.to = to;
        this.interval = interval;
    }

    String apply(String query) {
        Matcher m = VARIABLE.matcher(query);
        var out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(value(name)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String value(String name) {
        switch (name) {
            case "timeFilter":
                return "time >= " + from.toEpochMilli() + "ms and time <= " + to.toEpochMilli() + "ms";
            case "__interval":
            case "interval":
                return interval.toSeconds() % 3600 == 0 ? interval.toHours() + "h"
                        : interval.toSeconds() % 60 == 0 ? interval.toMinutes() + "m" : interval.toSeconds() + "s";
            default:
                break;
        }
        Variable variable = dashboard.variable(name);
        List<String> values = selection.get(name);
        if (values == null || values.isEmpty()) {
            throw new AssertionError(dashboard.file() + ": no value chosen for $" + name);
        }
        if (!variable.regexFormatted()) {
            return values.get(0);
        }
        if (values.equals(ALL)) {
            if (variable.allValue() == null) {
                throw new AssertionError(dashboard.file() + ": $" + name + " has no custom all value");
            }
            return variable.allValue();
        }
        var escaped = values.stream().map(GrafanaInterpolation::escapeRegex).toList();
        return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
    }

    static String escapeRegex(String value) {
        return REGEX_META.matcher(value).replaceAll("\\\\$0");
    }

    /** The names of the variables a query refers to, built-ins left out. */
    static List<String> referencedVariables(String query) {
        Matcher m = VARIABLE.matcher(query);
        var names = new java.util.ArrayList<String>();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!name.equals("timeFilter") && !name.startsWith("__") && !name.equals("interval")
                    && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}

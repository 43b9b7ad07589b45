package io.heapstream.writer;

import io.heapstream.writer.influx.InfluxClient;
import io.heapstream.writer.schema.InfluxSchema;
import io.heapstream.writer.schema.RetentionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the schema's database and retention policies when they are missing, and leaves existing ones as they
 * are (a policy whose duration differs from the configured one is reported, not altered: someone may have
 * chosen it). With {@code --no-create} it only reports what is missing, for servers where the writer's user may
 * not create databases, and does not even insist on looking when the user may only write.
 */
public final class InfluxSetup {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxSetup.class);

    private final InfluxClient client;
    private final InfluxSchema schema;
    private final boolean create;

    public InfluxSetup(InfluxClient client, InfluxSchema schema, boolean create) {
        this.client = client;
        this.schema = schema;
        this.create = create;
    }

    /**
     * Brings the database to the schema's shape (or reports what is missing with {@code --no-create}).
     *
     * @return what was created, e.g. {@code [database heapstream, retention policy rp_1m]}
     * @throws RuntimeException when InfluxDB cannot be reached or refuses; the caller retries
     */
    public List<String> ensure() {
        String db = schema.database();
        var created = new ArrayList<String>();
        if (!databases().contains(db)) {
            if (!create) {
                LOG.warn("database={} is missing and --no-create is set: writes fail until someone creates it", db);
                return created;
            }
            client.query("CREATE DATABASE " + quote(db));
            created.add("database " + db);
        }
        Map<String, String> existing;
        try {
            existing = policies(db);
        } catch (RuntimeException e) {
            if (create || !String.valueOf(e.getMessage()).contains("not authorized")) {
                throw e;
            }
            // A write-only user (GRANT WRITE, as the bundled InfluxDB gives the writer) may not read the
            // policies: whoever runs InfluxDB created them (deploy/influxdb/ does on first start).
            LOG.warn("database={} retention policies cannot be checked by influxUser with --no-create (a write-only"
                    + " user?): assuming they exist; writes fail with 'retention policy not found' otherwise", db);
            return created;
        }
        for (RetentionPolicy policy : schema.retentionPolicies()) {
            String duration = existing.get(policy.name());
            if (duration == null) {
                if (!create) {
                    LOG.warn("database={} retentionPolicy={} is missing and --no-create is set", db, policy.name());
                    continue;
                }
                client.query("CREATE RETENTION POLICY " + quote(policy.name()) + " ON " + quote(db) + " DURATION "
                        + policy.influxQlDuration() + " REPLICATION 1" + (policy.isDefault() ? " DEFAULT" : ""));
                created.add("retention policy " + policy.name());
            } else if (!duration.equals(goDuration(policy.duration()))) {
                LOG.warn("database={} retentionPolicy={} keeps {} but --retention says {}: left as is"
                        + " (ALTER RETENTION POLICY to change it)", db, policy.name(), duration, policy.duration());
            }
        }
        if (!created.isEmpty()) {
            LOG.info("influx={} created {}", db, created);
        }
        return created;
    }

    /** How InfluxDB prints a duration in SHOW RETENTION POLICIES: {@code 168h0m0s}; forever is {@code 0s}. */
    public static String goDuration(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        return duration.toHours() + "h" + duration.toMinutesPart() + "m" + duration.toSecondsPart() + "s";
    }

    /** An InfluxQL identifier in double quotes, escaped. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private List<String> databases() {
        var names = new ArrayList<String>();
        for (List<Object> row : rows(client.query("SHOW DATABASES"))) {
            names.add(String.valueOf(row.get(0)));
        }
        return names;
    }

    /** Policy name to its duration as InfluxDB prints it. */
    private Map<String, String> policies(String db) {
        var result = new HashMap<String, String>();
        for (List<Object> row : rows(client.query("SHOW RETENTION POLICIES ON " + quote(db)))) {
            result.put(String.valueOf(row.get(0)), String.valueOf(row.get(1)));
        }
        return result;
    }

    private static List<List<Object>> rows(QueryResult result) {
        var rows = new ArrayList<List<Object>>();
        for (QueryResult.Result each : result.getResults()) {
            if (each.getSeries() != null) {
                for (QueryResult.Series series : each.getSeries()) {
                    if (series.getValues() != null) {
                        rows.addAll(series.getValues());
                    }
                }
            }
        }
        return rows;
    }
}

package io.heapstream.api.model;

import io.heapstream.api.ApiConfig;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.writer.InfluxSetup;
import io.heapstream.writer.influx.InfluxClient;
import io.heapstream.writer.schema.NativeSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.QueryResult;

/**
 * The model API's history in the writer's native schema (docs/influxdb-schema.md): the level's measurement in the
 * base resolution's policy, the entity's tags, the metric's {@code _avg} field, and for a labeled metric its
 * {@code resource_id}. A pod is selected by namespace and name, whatever its node or workload, as Heapster's
 * paths name it; points of two series at one time (a pod name reused on another node) count once.
 */
public final class InfluxHistory implements History, AutoCloseable {
    private final InfluxClient client;
    private final String url;
    private final String policy;
    private final String cluster;

    /** {@code cluster == null} reads every cluster's series, as a one-cluster topic is served. */
    public InfluxHistory(ApiConfig.Influx influx, String cluster) {
        this.client = InfluxClient.connect(influx.url(), influx.user(), influx.password(), influx.database(),
                influx.timeout(), false);
        this.url = influx.shownUrl();
        this.policy = influx.retentionPolicy();
        this.cluster = cluster;
    }

    @Override
    public List<long[]> points(RollupKey entity, String metric, long start, long end) {
        var query = query(entity, metric, start, end);
        QueryResult result;
        try {
            result = client.query(query);
        } catch (InfluxDBException e) {
            throw new Unavailable("InfluxDB " + url + " database " + client.database() + " could not be read: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " "), e);
        }
        var byTime = new TreeMap<Long, Long>();
        for (var each : result.getResults()) {
            for (var series : each.getSeries() == null ? List.<QueryResult.Series>of() : each.getSeries()) {
                for (var row : series.getValues()) {
                    if (row.get(1) instanceof Number value) {
                        byTime.put(Instant.parse((String) row.get(0)).toEpochMilli(),
                                ModelStore.value(value.doubleValue()));
                    }
                }
            }
        }
        var points = new ArrayList<long[]>(byTime.size());
        byTime.forEach((time, value) -> points.add(new long[] {time, value}));
        return points;
    }

    /** The InfluxQL of one read; package-private for its test. */
    String query(RollupKey entity, String metric, long start, long end) {
        int labeled = metric.indexOf('\0');
        var name = labeled < 0 ? metric : metric.substring(0, labeled);
        var text = new StringBuilder("SELECT ").append(InfluxSetup.quote(NativeSchema.fieldPrefix(name) + "_avg"))
                .append(" FROM ").append(InfluxSetup.quote(policy)).append('.')
                .append(InfluxSetup.quote(entity.level().id())).append(" WHERE time >= ").append(start)
                .append("ms AND time <= ").append(end).append("ms");
        tag(text, "cluster", cluster);
        tag(text, "node", entity.node());
        tag(text, "namespace", entity.namespace());
        tag(text, "pod", entity.pod());
        tag(text, "container", entity.container());
        if (labeled >= 0) {
            tag(text, ModelStore.RESOURCE_ID, metric.substring(labeled + 1));
        }
        return text.append(" ORDER BY time DESC LIMIT ").append(MAX_POINTS + 1).toString();
    }

    private static void tag(StringBuilder text, String tag, String value) {
        if (value != null && !value.isEmpty()) {
            text.append(" AND ").append(InfluxSetup.quote(tag)).append(" = '")
                    .append(value.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        }
    }

    @Override
    public void close() {
        client.close();
    }
}

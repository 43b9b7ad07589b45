package io.heapstream.app.replay;

import io.heapstream.model.Topics;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.delivery.Backoff;
import io.heapstream.writer.influx.InfluxClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a replay writes: the writer's own InfluxDB settings (URL, credentials, database, schema, {@code --retention},
 * batch size, {@code --no-create}), optionally with every point in one retention policy the user names.
 *
 * @param retentionPolicy {@code --retention-policy}, or {@code null} for the schema's policy per resolution
 * @param giveUpAfter     how long an unreachable InfluxDB is retried
 */
public record InfluxTarget(WriterConfig writer, String retentionPolicy, Duration giveUpAfter) implements RollupSinks {

    /**
     * The sink, its database and policies created (unless {@code --no-create}) and checked: a name InfluxDB
     * refuses fails here, before the replay reads anything.
     *
     * @param resolutions what the replay writes: each needs a policy
     */
    @Override
    public InfluxOutput open(List<Duration> resolutions) throws InterruptedException {
        if (retentionPolicy != null && retentionPolicy.isBlank()) {
            throw new ReplayInputException("--retention-policy must not be empty");
        }
        if (writer.influxDb().isBlank()) {
            throw new ReplayInputException("--influx-db must not be empty");
        }
        if (retentionPolicy == null) {
            for (var resolution : resolutions) {
                if (!writer.retention().containsKey(resolution)) {
                    throw new ReplayInputException("--retention has no entry for " + Topics.suffix(resolution)
                            + " (it has " + writer.retention().keySet().stream().map(Topics::suffix).toList()
                            + "): add " + Topics.suffix(resolution) + "=DURATION, or name one --retention-policy");
                }
            }
        }
        var schema = retentionPolicy == null ? writer.influxSchema()
                : new OnePolicySchema(writer.influxSchema(), retentionPolicy);
        var backoff = new Backoff(writer.retryBackoff(), writer.retryBackoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        var output = new InfluxOutput(InfluxClient.connect(writer), schema, writer.batchSize(),
                writer.writeParallelism(), backoff, giveUpAfter);
        try {
            output.prepare(writer.createDatabase());
            return output;
        } catch (RuntimeException | InterruptedException e) {
            output.close();
            throw e;
        }
    }
}

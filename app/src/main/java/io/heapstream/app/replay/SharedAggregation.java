package io.heapstream.app.replay;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.RollupTopology;
import io.heapstream.aggregator.total.TotalsMessage;
import io.heapstream.model.rollup.Rollup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The raw partitions this process holds in the replay's group, each through its own {@link NodeStage}, and the
 * totals partitions it holds, each through a {@link TotalsStage}; docs/replay.md has the picture. The group's
 * range assignor splits each topic apart, as Streams splits tasks; when a partition moves (a process joins or
 * leaves), its new holder starts it over from the range's start (a node stage's state is the open windows,
 * rebuilt from the records), and the copies that gives are dropped by the totals stage and overwritten in
 * InfluxDB with the same points.
 */
final class SharedAggregation implements ConsumerRebalanceListener {
    /** Header that ties a totals record to one replay job: a rerun with other flags ignores what is left. */
    static final String JOB_HEADER = "heapstream.replay.job";

    /** What happens to the records: the loop in {@link RawReplay} reads them, this class routes them. */
    interface Output {
        void rollups(List<Rollup> rollups) throws InterruptedException;

        /** Everything handed to {@link #rollups} so far is acknowledged (written). */
        void flush() throws InterruptedException;
    }

    private final RollupSettings settings;
    private final Map<Integer, PartitionRange> plan = new TreeMap<>();
    private final Map<Integer, List<ConsumerRecord<byte[], byte[]>>> late;
    private final String totalsTopic;
    private final byte[] job;
    private final Instant wallStart;
    private final Instant end;
    private final Runnable deadLetter;
    private final KafkaConsumer<byte[], byte[]> group;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<Integer, Running> raw = new TreeMap<>();
    private final Map<Integer, TotalsStage> totals = new TreeMap<>();
    /** Raw partitions whose node stage finished here or elsewhere (its done marker came). */
    private final Set<Integer> finished = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> read = new ConcurrentHashMap<>();
    /** Next offset per held totals partition: kept across a rebalance that leaves it here. */
    private final Map<Integer, Long> totalsNext = new TreeMap<>();
    private volatile Exception sendFailure;
    private boolean assigned;

    private static final class Running {
        final NodeStage stage;
        final ArrayDeque<ConsumerRecord<byte[], byte[]>> late;
        long next;

        Running(NodeStage stage, List<ConsumerRecord<byte[], byte[]>> late, long next) {
            this.stage = stage;
            this.late = new ArrayDeque<>(late);
            this.next = next;
        }
    }

    SharedAggregation(RollupSettings settings, List<PartitionRange> plan,
                      Map<Integer, List<ConsumerRecord<byte[], byte[]>>> late, String totalsTopic, byte[] job,
                      Instant wallStart, Instant end, Runnable deadLetter, KafkaConsumer<byte[], byte[]> group,
                      KafkaProducer<byte[], byte[]> producer) {
        this.settings = settings;
        plan.forEach(r -> this.plan.put(r.partition().partition(), r));
        this.late = late;
        this.totalsTopic = totalsTopic;
        this.job = job;
        this.wallStart = wallStart;
        this.end = end;
        this.deadLetter = deadLetter;
        this.group = group;
        this.producer = producer;
        group.subscribe(List.of(settings.rawTopic(), totalsTopic), this);
    }

    /** Raw records of the range read by this process, or by another for the partitions it finished. */
    long offsetsRead() {
        return plan.entrySet().stream().mapToLong(e -> finished.contains(e.getKey()) ? e.getValue().records()
                : read.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** Whether the group gave this process nothing (more processes than raw partitions). */
    boolean idle() {
        return assigned && raw.isEmpty() && totals.isEmpty();
    }

    /** Every raw partition finished and every totals partition held here emitted all it has. */
    boolean complete() {
        return !totals.isEmpty() && totals.values().stream().allMatch(TotalsStage::allDone)
                && raw.keySet().stream().allMatch(finished::contains);
    }

    /** One raw record of a held partition; returns its rollups (the node-local ones of windows it closed). */
    List<Rollup> raw(ConsumerRecord<byte[], byte[]> record, boolean take, Runnable taken) {
        var out = new ArrayList<Rollup>();
        var running = raw.get(record.partition());
        var range = plan.get(record.partition());
        if (running == null || finished.contains(record.partition()) || record.offset() < running.next
                || record.offset() >= range.stop()) {
            return out;
        }
        running.next = record.offset() + 1;
        read.put(record.partition(), running.next - range.start());
        if (take) {
            taken.run();
            while (!running.late.isEmpty() && running.late.peek().timestamp() <= record.timestamp()) {
                running.stage.pipe(running.late.poll());
            }
            running.stage.pipe(record);
            running.stage.drain(out::add, (key, message) -> toTotals(record.partition(), key, message));
        }
        return out;
    }

    /** The held raw partitions that reached their stop offset and have not finished yet. */
    List<Integer> due() {
        return raw.entrySet().stream().filter(e -> !finished.contains(e.getKey())
                && e.getValue().next >= plan.get(e.getKey()).stop()).map(Map.Entry::getKey).toList();
    }

    /**
     * Closes every window of a raw partition, writes its node-local rollups, sends its last totals messages, and
     * only then its done marker: a partition marked done never needs aggregating again, here or in a rerun.
     */
    void finish(int partition, Output output) throws InterruptedException {
        var running = raw.get(partition);
        var out = new ArrayList<Rollup>();
        while (!running.late.isEmpty()) {
            running.stage.pipe(running.late.poll());
        }
        running.stage.finish(end);
        running.stage.drain(out::add, (key, message) -> toTotals(partition, key, message));
        output.rollups(out);
        output.flush();
        var marker = Integer.toString(partition).getBytes(StandardCharsets.UTF_8);
        for (int t = 0; t < settings.rawPartitions(); t++) {
            send(t, TotalsStage.DONE_KEY, marker);
        }
        producer.flush();
        checkSent();
        finished.add(partition);
        group.pause(List.of(new TopicPartition(settings.rawTopic(), partition)));
    }

    /** One record of the totals topic; returns the aggregate rollups of windows it closed. */
    List<Rollup> totals(ConsumerRecord<byte[], byte[]> record) {
        var out = new ArrayList<Rollup>();
        var stage = totals.get(record.partition());
        var header = record.headers().lastHeader(JOB_HEADER);
        if (stage == null || header == null || !Arrays.equals(header.value(), job)) {
            return out;
        }
        totalsNext.put(record.partition(), record.offset() + 1);
        var key = new String(record.key(), StandardCharsets.UTF_8);
        stage.accept(key, record.value());
        stage.drain(out::add);
        if (TotalsStage.DONE_KEY.equals(key)) {
            int done = Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8));
            if (stage.isDone(done) && finished.add(done) && raw.containsKey(done)) {
                // another process finished it (it held it before a rebalance): stop doing it twice
                group.pause(List.of(new TopicPartition(settings.rawTopic(), done)));
            }
        }
        return out;
    }

    private void toTotals(int source, String key, byte[] message) {
        if (TotalsMessage.WATERMARK_KEY.equals(key)) {
            for (int t = 0; t < settings.rawPartitions(); t++) {
                send(t, key, message);
            }
        } else {
            var targets = new RollupTopology.TotalsPartitioner().partitions(totalsTopic, key, message,
                    settings.rawPartitions()).orElseThrow();
            targets.forEach(t -> send(t, key, message));
        }
    }

    private void send(int partition, String key, byte[] value) {
        var headers = new RecordHeaders().add(JOB_HEADER, job);
        producer.send(new ProducerRecord<>(totalsTopic, partition, null, key.getBytes(StandardCharsets.UTF_8), value,
                headers), (metadata, e) -> {
                    if (e != null && sendFailure == null) {
                        sendFailure = e;
                    }
                });
    }

    /** The producer could not write the totals topic (after its own retries): the totals would miss a part. */
    private void checkSent() {
        if (sendFailure != null) {
            throw new ReplayFailure("cannot write the replay's topic " + totalsTopic + ": " + sendFailure.getMessage());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // eager: everything is revoked before every assignment; what stays here is kept in onPartitionsAssigned
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        assigned = true;
        var rawNow = new TreeMap<Integer, TopicPartition>();
        var totalsNow = new TreeMap<Integer, TopicPartition>();
        partitions.forEach(p -> (p.topic().equals(totalsTopic) ? totalsNow : rawNow).put(p.partition(), p));
        raw.keySet().retainAll(rawNow.keySet());
        totals.keySet().retainAll(totalsNow.keySet());
        totalsNext.keySet().retainAll(totalsNow.keySet());
        rawNow.forEach((p, tp) -> {
            var range = plan.get(p);
            if (finished.contains(p) || range == null) {
                group.pause(List.of(tp));
                return;
            }
            var running = raw.computeIfAbsent(p, q -> new Running(new NodeStage(settings, q, wallStart, deadLetter),
                    late.getOrDefault(q, List.of()), range.start()));
            group.seek(tp, running.next);
        });
        // a totals partition new here is read from its start: its stage state is what the records built
        totalsNow.forEach((t, tp) -> {
            if (!totals.containsKey(t)) {
                totals.put(t, new TotalsStage(settings, t));
                group.seekToBeginning(List.of(tp));
            } else if (totalsNext.containsKey(t)) {
                group.seek(tp, totalsNext.get(t));
            } else {
                group.seekToBeginning(List.of(tp));
            }
        });
    }
}

package io.heapstream.aggregator.node;

import io.heapstream.aggregator.RawRecord;
import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.sample.NodeSample;
import io.heapstream.aggregator.sample.SampleCodec;
import io.heapstream.aggregator.total.TotalsMessage;
import io.heapstream.aggregator.window.Coarsener;
import io.heapstream.aggregator.window.WindowGrid;
import io.heapstream.model.rollup.Rollup;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node stage: everything node-local (containers, pods, the node, its system containers) is owned by the
 * node's key, so one raw record costs one duplicate check and one put of its compact sample. Windows close
 * in one pass over the task's store when the watermark passes their end + grace: rates, statistics and the
 * final rollups per series; the sums that aggregate levels need go out per task as
 * {@link TotalsMessage.Contribution}s, followed by the task's {@link TotalsMessage.Watermark}.
 *
 * <p>Watermark = max(event watermark, idle watermark). The event watermark is the newest slot of the partition's
 * slowest live node ({@link PartitionProgress}), so a node sending its buffered scrapes after a broker outage is
 * not late; it is kept in the store (so a restart resumes it with the committed offsets, and replaying a
 * partition gives the same decisions). The wall clock enters only through silence, and silence counts only while
 * the {@link io.heapstream.aggregator.RawFeed} says the pipeline itself is healthy: a node silent for
 * {@code idleTimeout} stops holding the watermark, and a partition silent for as long while other partitions
 * moved on closes its open windows (the idle watermark, persisted). A scrape stamped more than the grace past
 * the wall clock (a node with a wrong clock, or a forged record) would push stream time ahead and make every
 * honest scrape late: it goes to the late topic with {@code heapstream.late.reason: future} instead, and a stored
 * time beyond the wall clock (left by an older version) is dropped at start.
 *
 * <p>Outputs: {@link NodeOutput}s — final rollups, late scrapes (their JSON as it arrived), totals messages.
 */
public final class NodeProcessor implements Processor<String, RawRecord, Object, NodeOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(NodeProcessor.class);
    /** Header on a scrape sent to the late topic for another reason than its window having closed. */
    public static final String LATE_REASON = "heapstream.late.reason";
    private static final byte[] FUTURE = "future".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    public static final String SAMPLES_STORE = "node-samples";
    public static final String COARSE_STORE = "node-coarse";

    private final RollupSettings settings;
    private final WindowGrid grid;
    private final NodeWindowCloser closer;
    private ProcessorContext<Object, NodeOutput> context;
    private KeyValueStore<Bytes, byte[]> samples;
    private Coarsener coarsener;
    private long idleWatermark = Long.MIN_VALUE;
    private long streamTime = Long.MIN_VALUE;
    private long eventWatermark = Long.MIN_VALUE;
    private final PartitionProgress progress;
    private boolean resumeFromKafka;
    private long nextDue = Long.MAX_VALUE;
    private long lastBroadcast = Long.MIN_VALUE;
    private long lastRecordWallMillis;
    /** Keys of the stored slots (open windows): the duplicate check without a store read per record. */
    private final Set<Bytes> storedSlots = new HashSet<>();
    /** The stored slots' samples as read, when the state is transient; null: encoded in the store. */
    private final Map<Bytes, NodeSample> heldSamples;
    /** The nodes' counter baselines, when the state is transient; null: encoded in the store. */
    private final Map<String, Baselines> heldBaselines;

    public NodeProcessor(RollupSettings settings) {
        this(settings, false);
    }

    /**
     * @param transientState whether the state is never restored (a replay: its result is idempotent, so a rerun
     *     starts over): then samples, counter baselines and coarse windows are kept as objects beside the stores, which hold their
     *     keys with empty values (the live keys, order and scans), instead of being encoded on every write and
     *     decoded at close; the codecs give the same values back, so the rollups are the same
     */
    public NodeProcessor(RollupSettings settings, boolean transientState) {
        this.settings = settings;
        this.heldSamples = transientState ? new HashMap<>() : null;
        this.heldBaselines = transientState ? new HashMap<>() : null;
        this.grid = WindowGrid.of(settings.window(), settings.grace());
        this.closer = new NodeWindowCloser(grid, settings.window());
        this.progress = new PartitionProgress(settings.nodeGoneLag().toMillis());
    }

    @Override
    public void init(ProcessorContext<Object, NodeOutput> context) {
        this.context = context;
        this.samples = context.getStateStore(SAMPLES_STORE);
        this.coarsener = new Coarsener(settings.coarser(), settings.grace(), context.getStateStore(COARSE_STORE),
                heldSamples != null);
        long wall = context.currentSystemTimeMs();
        streamTime = restore(NodeStoreKeys.STREAM_TIME, futureBound(wall));
        idleWatermark = restore(NodeStoreKeys.WATERMARK, grid.closeAt(futureBound(wall)));
        eventWatermark = restore(NodeStoreKeys.EVENT_WATERMARK, futureBound(wall));
        if (eventWatermark == Long.MIN_VALUE) {
            eventWatermark = streamTime;   // a store of a version that closed on the newest slot
        }
        try (var it = samples.all()) {
            while (it.hasNext()) {
                var key = it.next().key;
                if (!NodeStoreKeys.isWatermark(key) && NodeStoreKeys.type(key) == NodeStoreKeys.SLOT) {
                    nextDue = Math.min(nextDue, grid.closeAt(NodeStoreKeys.slotOf(key)));
                    storedSlots.add(key);
                    progress.restored(NodeStoreKeys.node(key), NodeStoreKeys.slotOf(key), wall);
                }
            }
        }
        resumeFromKafka = streamTime == Long.MIN_VALUE && (idleWatermark != Long.MIN_VALUE || !storedSlots.isEmpty());
        lastRecordWallMillis = context.currentSystemTimeMs();
        long check = Math.max(100, Math.min(settings.idleTimeout().toMillis() / 4, 10_000));
        context.schedule(Duration.ofMillis(check), PunctuationType.WALL_CLOCK_TIME, this::checkIdle);
    }

    @Override
    public void process(Record<String, RawRecord> record) {
        lastRecordWallMillis = context.currentSystemTimeMs();
        var scrape = record.value();
        if (scrape == null) {
            return;
        }
        long slot = scrape.sample().slotMillis();
        var nodeKey = scrape.nodeKey();
        if (slot > futureBound(lastRecordWallMillis)) {
            settings.events().future(nodeKey, slot);
            var headers = new RecordHeaders(record.headers().toArray());
            headers.add(LATE_REASON, FUTURE);
            context.forward(new Record<>(record.key(), new NodeOutput.Late(scrape), record.timestamp(), headers));
            return;
        }
        if (resumeFromKafka) {
            // A store without stream time (written by a version that used Kafka's): resume from Kafka's, which
            // was restored with the offsets, bounded by the wall clock so a poisoned one cannot come back.
            resumeFromKafka = false;
            long kafkaStreamTime = context.currentStreamTimeMs();
            streamTime = Math.max(streamTime, Math.min(kafkaStreamTime, futureBound(lastRecordWallMillis)));
            eventWatermark = Math.max(eventWatermark, streamTime);
        }
        if (slot > streamTime) {
            streamTime = slot;
            samples.put(NodeStoreKeys.STREAM_TIME, longBytes(streamTime));
        }
        if (grid.isClosed(slot, watermark())) {
            settings.events().late(nodeKey, slot);
            context.forward(new Record<>(record.key(), new NodeOutput.Late(scrape), record.timestamp(),
                    record.headers()));
        } else {
            var key = NodeStoreKeys.slot(nodeKey, slot);
            if (!storedSlots.add(key)) {
                settings.events().duplicate(nodeKey, slot);   // the first scrape of a node and slot wins
            } else {
                if (heldSamples != null) {
                    heldSamples.put(key, scrape.sample());
                }
                samples.put(key, heldSamples != null ? Coarsener.HELD : SampleCodec.encode(scrape.sample()));
                nextDue = Math.min(nextDue, grid.closeAt(slot));
            }
        }
        progress.seen(nodeKey, slot, lastRecordWallMillis);
        updateEventWatermark();
        advance(watermark());
    }

    private void updateEventWatermark() {
        long candidate = progress.watermark();
        if (candidate > eventWatermark) {
            eventWatermark = candidate;
            samples.put(NodeStoreKeys.EVENT_WATERMARK, longBytes(eventWatermark));
        }
    }

    private long watermark() {
        return Math.max(idleWatermark, eventWatermark);
    }

    /** The newest slot accepted at this wall-clock time: collectors' clocks may run ahead by up to the grace. */
    private long futureBound(long wallMillis) {
        return wallMillis + grid.graceMillis();
    }

    /** A persisted time, unless it lies beyond {@code bound} (a poisoned value from before the bound existed). */
    private long restore(Bytes key, long bound) {
        var stored = samples.get(key);
        long time = stored == null ? Long.MIN_VALUE : ByteBuffer.wrap(stored).getLong();
        if (time > bound) {
            LOG.warn("dropping the stored {} {} of task {}: beyond the wall clock", switch (key.get()[1]) {
                        case 't' -> "stream time";
                        case 'm' -> "event watermark";
                        default -> "watermark";
                    }, java.time.Instant.ofEpochMilli(time), context.taskId());
            samples.put(key, null);
            return Long.MIN_VALUE;
        }
        return time;
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    /**
     * Wall clock, counted only while the feed is healthy: a node silent for idleTimeout stops holding the
     * watermark; a partition silent for idleTimeout while other partitions received records closes its open
     * windows and moves its watermark on.
     */
    private void checkIdle(long wallMillis) {
        int partition = context.taskId().partition();
        long countsSince = settings.feed().silenceCountsSince(partition);
        long idle = settings.idleTimeout().toMillis();
        if (progress.markSilentGone(wallMillis, countsSince, idle)) {
            updateEventWatermark();
            advance(watermark());
        }
        long silentSince = Math.max(lastRecordWallMillis, countsSince);
        if (wallMillis - silentSince < idle || !settings.feed().othersReceivedAfter(partition, silentSince)) {
            return;
        }
        long candidate = wallMillis - settings.idleTimeout().toMillis();
        if (streamTime >= 0) {
            candidate = Math.max(candidate, grid.closeAt(streamTime));
        }
        if (candidate > idleWatermark) {
            idleWatermark = candidate;
            samples.put(NodeStoreKeys.WATERMARK, longBytes(idleWatermark));
        }
        advance(watermark());
    }

    private void advance(long watermark) {
        boolean closed = watermark >= nextDue;
        if (closed) {
            closeThrough(watermark);
        }
        // tell the totals stage once per window boundary crossed, after the contributions of those windows
        boolean first = lastBroadcast == Long.MIN_VALUE;
        boolean broadcast = watermark >= 0 && (first || grid.index(watermark - grid.graceMillis())
                > grid.index(lastBroadcast - grid.graceMillis()));
        if (broadcast) {
            lastBroadcast = watermark;
            var message = new TotalsMessage.Watermark(context.taskId().partition(), watermark);
            context.forward(new Record<>(TotalsMessage.WATERMARK_KEY,
                    new NodeOutput.ToTotals(TotalsMessage.encode(message)), watermark));
        }
        if (closed || broadcast) {
            // closed windows are readable downstream (the writer, the totals stage) once the transaction commits:
            // commit now rather than at the next commit interval, which is long so that an idle instance commits
            // rarely (AggregatorSettings.COMMIT_INTERVAL)
            context.commit();
        }
    }

    /** One pass over the task's store: every window with end + grace at or before the watermark closes. */
    private void closeThrough(long watermark) {
        var totals = new TaskTotals();
        var writes = new ArrayList<KeyValue<Bytes, byte[]>>();
        long remainingDue = Long.MAX_VALUE;
        String node = null;
        byte[] baselineBytes = null;
        var due = new ArrayList<KeyValue<Bytes, byte[]>>();
        try (var it = samples.all()) {
            while (it.hasNext()) {
                var e = it.next();
                if (NodeStoreKeys.isWatermark(e.key)) {
                    continue;
                }
                var entryNode = NodeStoreKeys.node(e.key);
                if (!entryNode.equals(node)) {
                    if (node != null) {
                        closeNode(node, baselineBytes, due, watermark, totals, writes);
                    }
                    node = entryNode;
                    baselineBytes = null;
                    due.clear();
                }
                if (NodeStoreKeys.type(e.key) == NodeStoreKeys.BASELINES) {
                    baselineBytes = e.value;
                } else {
                    long slot = NodeStoreKeys.slotOf(e.key);
                    if (grid.isClosed(slot, watermark)) {
                        due.add(e);
                    } else {
                        remainingDue = Math.min(remainingDue, grid.closeAt(slot));
                    }
                }
            }
            if (node != null) {
                closeNode(node, baselineBytes, due, watermark, totals, writes);
            }
        }
        for (var w : writes) {
            // put(key, null) deletes without the read that delete() does to return the old value
            samples.put(w.key, w.value);
            if (w.value == null) {
                storedSlots.remove(w.key);
            }
        }
        nextDue = remainingDue;
        int partition = context.taskId().partition();
        totals.forEach((seriesKey, windowStart, slots) -> {
            var message = new TotalsMessage.Contribution(partition, windowStart, slots);
            context.forward(new Record<>(seriesKey, new NodeOutput.ToTotals(TotalsMessage.encode(message)),
                    windowStart));
        });
        emit(coarsener.closeThrough(watermark));
    }

    private void closeNode(String node, byte[] baselineBytes, List<KeyValue<Bytes, byte[]>> due, long watermark,
                           TaskTotals totals, List<KeyValue<Bytes, byte[]>> writes) {
        var baselines = baselineBytes == null ? Baselines.empty()
                : heldBaselines != null ? heldBaselines.get(node) : Baselines.decode(baselineBytes);
        var byWindow = new TreeMap<Long, List<io.heapstream.aggregator.sample.NodeSample>>();
        for (var e : due) {
            var sample = heldSamples != null ? heldSamples.remove(e.key) : SampleCodec.decode(e.value);
            byWindow.computeIfAbsent(grid.start(sample.slotMillis()), w -> new ArrayList<>()).add(sample);
            writes.add(KeyValue.pair(e.key, null));
        }
        for (var window : byWindow.values()) {
            var rollups = closer.close(window, baselines, totals);
            emit(rollups);
            coarsener.add(node, rollups);
        }
        // readings older than the window before the newest closed one can no longer give a rate
        long newestClosed = grid.start(watermark - grid.graceMillis()) - grid.sizeMillis();
        baselines.forgetBefore(grid, newestClosed);
        var baselineKey = NodeStoreKeys.baselines(node);
        if (heldBaselines != null && !baselines.isEmpty()) {
            heldBaselines.put(node, baselines);
        } else if (heldBaselines != null) {
            heldBaselines.remove(node);
        }
        writes.add(KeyValue.pair(baselineKey, baselines.isEmpty() ? null
                : heldBaselines != null ? Coarsener.HELD : baselines.encode()));
    }

    private void emit(List<Rollup> rollups) {
        for (var r : rollups) {
            settings.events().emitted(r.key().level(), r.resolution());
            context.forward(new Record<>(r.key(), new NodeOutput.Final(r), r.windowStart().toEpochMilli()));
        }
    }
}

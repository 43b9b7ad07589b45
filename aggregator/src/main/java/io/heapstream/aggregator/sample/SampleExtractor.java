package io.heapstream.aggregator.sample;

import static io.heapstream.model.MetricCatalogue.ACCELERATOR_DUTY_CYCLE;
import static io.heapstream.model.MetricCatalogue.ACCELERATOR_MEMORY_TOTAL;
import static io.heapstream.model.MetricCatalogue.ACCELERATOR_MEMORY_USED;
import static io.heapstream.model.MetricCatalogue.CPU_LIMIT;
import static io.heapstream.model.MetricCatalogue.CPU_NODE_ALLOCATABLE;
import static io.heapstream.model.MetricCatalogue.CPU_NODE_CAPACITY;
import static io.heapstream.model.MetricCatalogue.CPU_REQUEST;
import static io.heapstream.model.MetricCatalogue.CPU_USAGE;
import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_AVAILABLE;
import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_CAPACITY;
import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_LIMIT;
import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_NODE_ALLOCATABLE;
import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_NODE_CAPACITY;
import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_REQUEST;
import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_USAGE;
import static io.heapstream.model.MetricCatalogue.FILESYSTEM_AVAILABLE;
import static io.heapstream.model.MetricCatalogue.FILESYSTEM_INODES;
import static io.heapstream.model.MetricCatalogue.FILESYSTEM_INODES_FREE;
import static io.heapstream.model.MetricCatalogue.FILESYSTEM_LIMIT;
import static io.heapstream.model.MetricCatalogue.FILESYSTEM_USAGE;
import static io.heapstream.model.MetricCatalogue.MEMORY_LIMIT;
import static io.heapstream.model.MetricCatalogue.MEMORY_NODE_ALLOCATABLE;
import static io.heapstream.model.MetricCatalogue.MEMORY_NODE_CAPACITY;
import static io.heapstream.model.MetricCatalogue.MEMORY_REQUEST;
import static io.heapstream.model.MetricCatalogue.MEMORY_RSS;
import static io.heapstream.model.MetricCatalogue.MEMORY_USAGE;
import static io.heapstream.model.MetricCatalogue.MEMORY_WORKING_SET;
import static io.heapstream.model.MetricCatalogue.RESTART_COUNT;
import static io.heapstream.model.MetricCatalogue.UPTIME;

import io.heapstream.aggregator.sample.SeriesSample.Counter;
import io.heapstream.aggregator.sample.SeriesSample.Kind;
import io.heapstream.model.MetricCatalogue;
import io.heapstream.model.UtcTimes;
import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pure: a raw scrape → its series' gauges and counter readings (docs/rollup-semantics.md, "Per slot").
 * Rates need the previous reading and are computed when the window closes, not here.
 */
public final class SampleExtractor {
    /** Heapster's resource_id of a container's root filesystem and of the node's filesystem. */
    public static final String ROOT_FS = "/";
    /** Heapster's resource_id of a container's logs. */
    public static final String LOGS_FS = "logs";
    /** Heapster's resource_id of a pod volume is this followed by the volume's name. */
    public static final String VOLUME = "Volume:";
    /** The node's image filesystem (Heapster did not write it). */
    public static final String IMAGE_FS = "imagefs";

    private SampleExtractor() { }

    public static NodeSample extract(RawScrape scrape) {
        long slot = scrape.scrapeTime().toEpochMilli();
        var series = new ArrayList<SeriesSample>();
        NodeStats node = scrape.nodeStats();
        if (node != null) {
            series.add(node(node, slot));
            for (ContainerStats sys : node.systemContainers()) {
                var gauges = new MetricValues();
                var counters = new ArrayList<Counter>(3);
                cpu(sys.cpu(), slot, gauges, counters);
                memory(sys.memory(), slot, gauges, counters);
                uptime(sys.startTime(), slot, gauges);
                further(sys.gauges(), gauges);
                series.add(new SeriesSample(Kind.SYS_CONTAINER, null, null, sys.name(), null, Map.of(), null,
                        UtcTimes.text(sys.startTime()), gauges, counters));
            }
        }
        for (PodStats pod : scrape.pods()) {
            pod(pod, slot, series);
        }
        return new NodeSample(scrape.cluster(), scrape.node(), slot, series);
    }

    private static SeriesSample node(NodeStats node, long slot) {
        var gauges = new MetricValues(32);
        var counters = new ArrayList<Counter>(8);
        cpu(node.cpu(), slot, gauges, counters);
        memory(node.memory(), slot, gauges, counters);
        network(node.network(), slot, gauges, counters);
        fs(gauges, ROOT_FS, node.fs());
        fs(gauges, IMAGE_FS, node.imageFs());
        if (node.fs() != null) {
            gauges.putIfPresent(EPHEMERAL_STORAGE_USAGE.name(), node.fs().usedBytes());
        }
        uptime(node.startTime(), slot, gauges);
        var meta = node.meta();
        Map<String, String> labels = Map.of();
        if (meta != null) {
            labels = LabelBudget.cap(meta.labels());
            // a Node object without them has none: 0, as Heapster wrote it (and no ratio over it)
            gauges.put(CPU_NODE_CAPACITY.name(), orZero(meta.cpuCapacityMillicores()));
            gauges.put(CPU_NODE_ALLOCATABLE.name(), orZero(meta.cpuAllocatableMillicores()));
            gauges.put(MEMORY_NODE_CAPACITY.name(), orZero(meta.memoryCapacityBytes()));
            gauges.put(MEMORY_NODE_ALLOCATABLE.name(), orZero(meta.memoryAllocatableBytes()));
            // these only where the Node has them, as Heapster wrote them
            gauges.putIfPresent(EPHEMERAL_STORAGE_NODE_CAPACITY.name(), meta.ephemeralStorageCapacityBytes());
            gauges.putIfPresent(EPHEMERAL_STORAGE_NODE_ALLOCATABLE.name(), meta.ephemeralStorageAllocatableBytes());
        }
        further(node.gauges(), gauges);
        return new SeriesSample(Kind.NODE, null, null, null, null, labels, null, UtcTimes.text(node.startTime()),
                gauges, counters);
    }

    private static void pod(PodStats pod, long slot, List<SeriesSample> out) {
        var ns = pod.podRef().namespace();
        var name = pod.podRef().name();
        var meta = pod.meta();
        String workload = meta == null || meta.workloadKind() == null || meta.workloadName() == null
                ? null : meta.workloadKind() + "/" + meta.workloadName();
        Map<String, String> labels = meta == null ? Map.of() : LabelBudget.cap(meta.labels());
        var gauges = new MetricValues(24);
        var counters = new ArrayList<Counter>(8);
        // the pod cgroup's own figures; what it lacks, its containers' sum fills in (NodeWindowCloser)
        cpu(pod.cpu(), slot, gauges, counters);
        memory(pod.memory(), slot, gauges, counters);
        network(pod.network(), slot, gauges, counters);
        var eph = pod.ephemeralStorage();
        if (eph != null) {
            gauges.putIfPresent(EPHEMERAL_STORAGE_USAGE.name(), eph.usedBytes());
            gauges.putIfPresent(EPHEMERAL_STORAGE_AVAILABLE.name(), eph.availableBytes());
            gauges.putIfPresent(EPHEMERAL_STORAGE_CAPACITY.name(), eph.capacityBytes());
        }
        for (var v : pod.volume()) {
            fs(gauges, VOLUME + v.name(), new FsStats(v.time(), v.availableBytes(), v.capacityBytes(), v.usedBytes(),
                    v.inodesFree(), v.inodes(), v.inodesUsed()));
        }
        uptime(pod.startTime(), slot, gauges);
        further(pod.gauges(), gauges);
        out.add(new SeriesSample(Kind.POD, ns, name, null, workload, labels, null,
                UtcTimes.text(pod.startTime()) + "/" + pod.podRef().uid(), gauges, counters));
        var containers = Containers.latestPerName(pod.containers());
        for (ContainerStats c : containers) {
            var cg = new MetricValues(24);
            var cc = new ArrayList<Counter>(3);
            cpu(c.cpu(), slot, cg, cc);
            memory(c.memory(), slot, cg, cc);
            uptime(c.startTime(), slot, cg);
            var cm = meta == null ? null : meta.containers().get(c.name());
            String image = null;
            if (cm != null) {
                spec(cm, cg);
                if (cm.restartCount() != null) {
                    cg.put(RESTART_COUNT.name(), cm.restartCount());
                }
                image = cm.image();
            }
            fs(cg, ROOT_FS, c.rootfs());
            fs(cg, LOGS_FS, c.logs());
            Containers.ephemeralStorage(c, cg);
            for (var acc : c.accelerators()) {
                var id = acc.id() != null ? acc.id() : acc.make() + "/" + acc.model();
                cg.putIfPresent(MetricValues.id(ACCELERATOR_MEMORY_TOTAL.name(), id), acc.memoryTotal());
                cg.putIfPresent(MetricValues.id(ACCELERATOR_MEMORY_USED.name(), id), acc.memoryUsed());
                cg.putIfPresent(MetricValues.id(ACCELERATOR_DUTY_CYCLE.name(), id), acc.dutyCycle());
            }
            further(c.gauges(), cg);
            // labels are the pod's: stored once, on the pod, and given to its containers at window close
            out.add(new SeriesSample(Kind.CONTAINER, ns, name, c.name(), workload, Map.of(), image,
                    UtcTimes.text(c.startTime()), cg, cc));
        }
        if (meta != null) {
            // a spec container the kubelet does not report (yet): its requests and limits still count, as in Heapster
            for (var e : meta.containers().entrySet()) {
                if (!Boolean.TRUE.equals(e.getValue().init()) && !Containers.has(containers, e.getKey())) {
                    var cg = new MetricValues(6);
                    spec(e.getValue(), cg);
                    out.add(new SeriesSample(Kind.CONTAINER, ns, name, e.getKey(), workload, Map.of(),
                            e.getValue().image(), "", cg, List.of()));
                }
            }
        }
    }

    /** A container's requests and limits; one the spec leaves out is 0, as Heapster wrote it. */
    private static void spec(ContainerMeta cm, MetricValues gauges) {
        gauges.put(CPU_REQUEST.name(), orZero(cm.cpuRequestMillicores()));
        gauges.put(CPU_LIMIT.name(), orZero(cm.cpuLimitMillicores()));
        gauges.put(MEMORY_REQUEST.name(), orZero(cm.memoryRequestBytes()));
        gauges.put(MEMORY_LIMIT.name(), orZero(cm.memoryLimitBytes()));
        gauges.put(EPHEMERAL_STORAGE_REQUEST.name(), orZero(cm.ephemeralStorageRequestBytes()));
        gauges.put(EPHEMERAL_STORAGE_LIMIT.name(), orZero(cm.ephemeralStorageLimitBytes()));
    }

    private static double orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static void cpu(CpuStats cpu, long slot, MetricValues gauges, List<Counter> counters) {
        if (cpu != null && cpu.usageCoreNanoSeconds() != null) {
            gauges.put(CPU_USAGE.name(), cpu.usageCoreNanoSeconds());
            counters.add(new Counter(RateMetric.CPU, cpu.usageCoreNanoSeconds(), time(cpu.time(), slot)));
        }
    }

    private static void memory(MemoryStats m, long slot, MetricValues gauges, List<Counter> counters) {
        if (m == null) {
            return;
        }
        gauges.putIfPresent(MEMORY_USAGE.name(), m.usageBytes());
        gauges.putIfPresent(MEMORY_WORKING_SET.name(), m.workingSetBytes());
        gauges.putIfPresent(MEMORY_RSS.name(), m.rssBytes());
        long t = time(m.time(), slot);
        add(gauges, counters, RateMetric.PAGE_FAULTS, m.pageFaults(), t);
        add(gauges, counters, RateMetric.MAJOR_PAGE_FAULTS, m.majorPageFaults(), t);
    }

    private static void network(NetworkStats n, long slot, MetricValues gauges, List<Counter> counters) {
        if (n == null) {
            return;
        }
        long t = time(n.time(), slot);
        add(gauges, counters, RateMetric.RX, n.rxBytes(), t);
        add(gauges, counters, RateMetric.TX, n.txBytes(), t);
        add(gauges, counters, RateMetric.RX_ERRORS, n.rxErrors(), t);
        add(gauges, counters, RateMetric.TX_ERRORS, n.txErrors(), t);
    }

    /** A counter's reading: the rate's input, and its own value (Heapster wrote the counters too). */
    private static void add(MetricValues gauges, List<Counter> counters, RateMetric metric, Long value, long t) {
        if (value != null) {
            gauges.put(metric.counterName(), value);
            counters.add(new Counter(metric, value, t));
        }
    }

    private static void fs(MetricValues gauges, String resource, FsStats fs) {
        if (fs == null) {
            return;
        }
        gauges.putIfPresent(MetricValues.id(FILESYSTEM_USAGE.name(), resource), fs.usedBytes());
        gauges.putIfPresent(MetricValues.id(FILESYSTEM_LIMIT.name(), resource), fs.capacityBytes());
        gauges.putIfPresent(MetricValues.id(FILESYSTEM_AVAILABLE.name(), resource), fs.availableBytes());
        gauges.putIfPresent(MetricValues.id(FILESYSTEM_INODES.name(), resource), fs.inodes());
        gauges.putIfPresent(MetricValues.id(FILESYSTEM_INODES_FREE.name(), resource), fs.inodesFree());
    }

    /** Gauges the typed blocks do not hold, by the catalogue's own name instances (identity checks downstream). */
    private static void further(Map<String, Long> values, MetricValues gauges) {
        if (values.isEmpty()) {
            return;
        }
        for (var e : values.entrySet()) {
            var metric = MetricCatalogue.byName(e.getKey());
            gauges.put(metric == null ? e.getKey() : metric.name(), e.getValue());
        }
    }

    private static void uptime(Instant start, long slot, MetricValues gauges) {
        if (start != null) {
            gauges.put(UPTIME.name(), Duration.between(start, Instant.ofEpochMilli(slot)).toMillis());
        }
    }

    /** The kubelet's sample time where it gave one, else the slot (nanoseconds since the epoch). */
    private static long time(Instant sampleTime, long slot) {
        return sampleTime == null ? slot * 1_000_000 : sampleTime.getEpochSecond() * 1_000_000_000 + sampleTime.getNano();
    }
}

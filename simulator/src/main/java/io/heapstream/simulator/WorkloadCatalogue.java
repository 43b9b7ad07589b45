package io.heapstream.simulator;

import io.heapstream.simulator.Workload.ContainerTemplate;
import io.heapstream.simulator.Workload.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The controllers of one simulated cluster: DaemonSets on every node, then a mix of Deployments (coredns
 * among them), StatefulSets, CronJobs, Jobs and a few bare pods, about six pods per workload.
 */
final class WorkloadCatalogue {
    private static final long MI = 1024L * 1024;
    private static final String[] SERVICES = {"cart", "checkout", "catalog", "search", "payments", "auth", "users",
        "orders", "inventory", "shipping", "recommendations", "notifications", "gateway", "billing", "ledger",
        "media", "profile", "pricing", "reviews", "sessions"};
    private static final String[] ROLES = {"api", "worker", "web", "consumer", "grpc"};
    private static final String[] APP_NAMESPACES = {"shop", "payments", "search", "platform", "identity"};
    private static final String[][] DATABASES = {{"postgres", "postgres:16.4"}, {"redis", "redis:7.4.1"},
        {"kafka", "apache/kafka:3.8.0"}, {"elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch:8.15.2"},
        {"rabbitmq", "rabbitmq:3.13.7-management"}, {"mongodb", "mongo:7.0.14"}, {"zookeeper", "zookeeper:3.9.2"}};
    private static final String[] BATCH = {"report", "backup", "reindex", "cleanup", "export", "sync", "digest"};
    private static final String[] BARE = {"debug", "toolbox", "netshoot", "curl-test", "migrate-once"};
    private static final String[] BARE_IMAGES = {"busybox:1.37.0", "alpine:3.20.3", "nicolaka/netshoot:v0.13",
        "curlimages/curl:8.10.1", "ubuntu:24.04"};
    private static final String[][] SIDECARS = {{"istio-proxy", "docker.io/istio/proxyv2:1.23.2"},
        {"fluent-bit", "fluent/fluent-bit:3.1.9"}, {"config-reloader", "ghcr.io/jimmidyson/configmap-reload:v0.14.0"},
        {"oauth2-proxy", "quay.io/oauth2-proxy/oauth2-proxy:v7.7.1"},
        {"otel-agent", "otel/opentelemetry-collector-contrib:0.111.0"}};

    final List<Workload> daemonSets;
    final List<Workload> apps;
    private final SimRandom random;
    private final int containersPerPod;
    private final Set<String> names = new HashSet<>();

    /** Built in a fixed order from the cluster's own generator, so the same seed gives the same cluster. */
    WorkloadCatalogue(SimRandom random, int podsPerNode, int containersPerPod, int appSlots) {
        this.random = random;
        this.containersPerPod = containersPerPod;
        var ds = new ArrayList<Workload>();
        ds.add(daemonSet("kube-system", "kube-proxy", "registry.k8s.io/kube-proxy:v1.31.0", false));
        if (podsPerNode >= 4) {
            ds.add(daemonSet("monitoring", "node-exporter", "quay.io/prometheus/node-exporter:v1.8.2", true));
        }
        if (podsPerNode >= 10) {
            ds.add(daemonSet("logging", "fluent-bit", "fluent/fluent-bit:3.1.9", true));
        }
        this.daemonSets = List.copyOf(ds);
        int count = Math.max(1, Math.min(5_000, Math.max(Math.min(appSlots, 6), appSlots / 6)));
        var list = new ArrayList<Workload>(count);
        Kind[] firsts = {Kind.DEPLOYMENT, Kind.DEPLOYMENT, Kind.STATEFUL_SET, Kind.CRON_JOB, Kind.BARE_POD, Kind.JOB};
        for (int i = 0; i < count; i++) {
            list.add(i == 0 ? coredns() : app(i < firsts.length ? firsts[i] : randomKind()));
        }
        this.apps = List.copyOf(list);
    }

    /** A workload for a further app slot: any but a bare pod, which has exactly one pod. */
    Workload pickForExtraSlot(SimRandom slotRandom) {
        while (true) {
            var w = apps.get(slotRandom.nextInt(apps.size()));
            if (w.kind() != Kind.BARE_POD) {
                return w;
            }
        }
    }

    private Kind randomKind() {
        double r = random.nextDouble();
        return r < 0.70 ? Kind.DEPLOYMENT : r < 0.82 ? Kind.STATEFUL_SET : r < 0.90 ? Kind.CRON_JOB
                : r < 0.94 ? Kind.JOB : Kind.BARE_POD;
    }

    private Workload coredns() {
        names.add("kube-system/coredns");
        var main = new ContainerTemplate("coredns", "registry.k8s.io/coredns/coredns:v1.11.3", 100L, null, 70 * MI,
                170 * MI, 3, 18 * MI, 20, 30, false);
        return build(Kind.DEPLOYMENT, "kube-system", "coredns", Map.of("k8s-app", "kube-dns"), main, 40e3, 60e3,
                0, false);
    }

    private Workload daemonSet(String namespace, String name, String image, boolean limited) {
        names.add(namespace + "/" + name);
        var main = limited
                ? new ContainerTemplate(name, image, 100L, 250L, 100 * MI, 200 * MI, random.between(5, 40),
                        random.between(30, 80) * MI, random.between(5, 40), random.between(50, 2_000), false)
                : new ContainerTemplate(name, image, null, null, null, null, random.between(1, 8),
                        random.between(15, 40) * MI, random.between(2, 20), random.between(5, 200), false);
        return build(Kind.DAEMON_SET, namespace, name, Map.of("k8s-app", name), main, 0, 0, 0, false);
    }

    private Workload app(Kind kind) {
        switch (kind) {
            case STATEFUL_SET: {
                var db = DATABASES[random.nextInt(DATABASES.length)];
                var ns = random.chance(0.5) ? "data" : "platform";
                var name = unique(ns, db[0]);
                var main = container(db[0], db[1], true);
                return build(kind, ns, name, Map.of("app.kubernetes.io/name", db[0], "app.kubernetes.io/instance",
                        name), main, rate(1e3, 5e6), rate(1e3, 5e6), (10L + 10L * random.nextInt(10)) * 1024 * MI,
                        false);
            }
            case CRON_JOB:
            case JOB: {
                var ns = random.chance(0.7) ? "batch" : "data";
                var name = unique(ns, random.pick(BATCH) + "-" + random.pick(SERVICES));
                var main = container("job", "ghcr.io/heapstream-sim/" + name + ":" + version(), false);
                return build(kind, ns, name, Map.of(), main, rate(500, 2e6), rate(200, 1e6), 0, false);
            }
            case BARE_POD: {
                var ns = random.chance(0.5) ? "default" : "sandbox";
                var name = unique(ns, random.pick(BARE) + "-" + Names.suffix(random, 5));
                var main = new ContainerTemplate("main", random.pick(BARE_IMAGES), null, null, null, null,
                        random.between(0.5, 5), random.between(2, 20) * MI, random.between(1, 5), 1, false);
                return build(kind, ns, name, Map.of("run", name), main, rate(10, 1e3), rate(10, 1e3), 0, false);
            }
            default: {
                var ns = random.pick(APP_NAMESPACES);
                var name = unique(ns, random.pick(SERVICES) + "-" + random.pick(ROLES));
                var main = container(name.replaceAll("-\\d+$", ""), "ghcr.io/heapstream-sim/" + name + ":" + version(),
                        false);
                return build(kind, ns, name, Map.of("app", name, "tier", ns.equals("shop") ? "frontend" : "backend"),
                        main, rate(2e3, 2e6), rate(1e3, 4e6), 0, random.chance(0.3));
            }
        }
    }

    private Workload build(Kind kind, String namespace, String name, Map<String, String> labels,
                           ContainerTemplate main, double rx, double tx, long pvcBytes, boolean emptyDir) {
        var containers = new ArrayList<ContainerTemplate>(containersPerPod);
        containers.add(main);
        for (int i = 1; i < containersPerPod; i++) {
            var sidecar = SIDECARS[(i - 1) % SIDECARS.length];
            var cname = i <= SIDECARS.length ? sidecar[0] : sidecar[0] + "-" + ((i - 1) / SIDECARS.length + 1);
            containers.add(new ContainerTemplate(cname, sidecar[1], 10L * (1 + random.nextInt(10)), 200L, 64 * MI,
                    128 * MI, random.between(1, 20), random.between(20, 60) * MI, random.between(2, 30),
                    random.between(10, 500), false));
        }
        var all = new HashMap<String, String>(labels);
        if (kind != Kind.BARE_POD && kind != Kind.CRON_JOB && kind != Kind.JOB) {
            all.putIfAbsent("app.kubernetes.io/part-of", namespace);
        }
        return new Workload(kind, namespace, name, Names.uid(random), Names.templateHash(random), Names.sorted(all),
                List.copyOf(containers), rx, tx, pvcBytes, emptyDir);
    }

    /** A main container with one of three resource profiles: Guaranteed, Burstable (most), BestEffort. */
    private ContainerTemplate container(String name, String image, boolean stateful) {
        double profile = random.nextDouble();
        long[] cpus = {50, 100, 250, 500, 1000};
        long[] mems = {64 * MI, 128 * MI, 256 * MI, 512 * MI, 1024 * MI};
        long cpu = cpus[random.nextInt(cpus.length - (stateful ? 0 : 1))];
        long mem = mems[random.nextInt(mems.length)] * (stateful ? 2 : 1);
        if (profile < 0.05) {
            return new ContainerTemplate(name, image, null, null, null, null, random.between(2, 80),
                    random.between(30, 300) * MI, random.between(5, 200), random.between(5, 2_000), false);
        }
        boolean guaranteed = profile < 0.25;
        Long cpuLimit = guaranteed ? Long.valueOf(cpu) : random.chance(0.6) ? Long.valueOf(2 * cpu) : null;
        Long memLimit = guaranteed ? Long.valueOf(mem) : random.chance(0.8) ? Long.valueOf(2 * mem) : null;
        double workingSet = mem * random.between(0.35, 0.85);
        boolean leaky = memLimit != null && random.chance(1.0 / 15);
        return new ContainerTemplate(name, image, cpu, cpuLimit, mem, memLimit, cpu * random.between(0.1, 0.9),
                workingSet, random.between(5, 400), Math.exp(random.between(Math.log(5), Math.log(5_000))), leaky);
    }

    private double rate(double low, double high) {
        return Math.exp(random.between(Math.log(low), Math.log(high)));
    }

    private String version() {
        return "1." + random.nextInt(30) + "." + random.nextInt(10);
    }

    private String unique(String namespace, String base) {
        var name = base;
        for (int n = 2; !names.add(namespace + "/" + name); n++) {
            name = base + "-" + n;
        }
        return name;
    }
}

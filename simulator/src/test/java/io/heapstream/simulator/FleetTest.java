package io.heapstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.simulator.FleetSpec.Churn;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetTest {
    static final Instant START = Instant.parse("2025-11-04T19:15:00Z");
    static final Duration STEP = Duration.ofSeconds(15);

    @Test
    void sameSeedAndStartGiveByteIdenticalJson() {
        var spec = FleetSpec.of(2, 3, 12, 2).withChurn(new Churn(5, 5));
        var a = new Fleet(spec, START);
        var b = new Fleet(spec, START);
        for (int slot = 0; slot < 20; slot++) {
            var at = START.plus(STEP.multipliedBy(slot));
            for (var ref : a.nodeRefs()) {
                assertThat(a.summaryJson(ref.cluster(), ref.node(), at))
                        .isEqualTo(b.summaryJson(ref.cluster(), ref.node(), at));
                assertThat(a.podsJson(ref.cluster(), ref.node(), at))
                        .isEqualTo(b.podsJson(ref.cluster(), ref.node(), at));
            }
        }
    }

    @Test
    void aNodesStateDependsOnlyOnTheSlotNotOnHowItGotThere() {
        var spec = FleetSpec.of(1, 4, 10, 1).withChurn(new Churn(5, 5));
        var stepwise = new Fleet(spec, START);
        for (int slot = 1; slot <= 12; slot++) {
            stepwise.advanceTo(START.plus(STEP.multipliedBy(slot)));
        }
        var jumped = new Fleet(spec, START);
        var at = START.plus(STEP.multipliedBy(12));
        assertThat(jumped.summaryJson("cluster-1", "node-0003", at))
                .isEqualTo(stepwise.summaryJson("cluster-1", "node-0003", at));
    }

    @Test
    void differentSeedsGiveDifferentFleets() {
        var spec = FleetSpec.of(1, 1, 10, 1);
        assertThat(new Fleet(spec, START).summaryJson("cluster-1", "node-0001", START))
                .isNotEqualTo(new Fleet(spec.withSeed(7), START).summaryJson("cluster-1", "node-0001", START));
    }

    @Test
    void timeNeverGoesBackForANode() {
        var fleet = new Fleet(FleetSpec.of(1, 1, 5, 1), START);
        var later = START.plus(STEP.multipliedBy(3));
        var json = fleet.summaryJson("cluster-1", "node-0001", later);
        assertThat(fleet.summaryJson("cluster-1", "node-0001", START)).isEqualTo(json);
        assertThat(fleet.slot("cluster-1", "node-0001")).isEqualTo(later);
    }

    @Test
    void slotsAreWallClockMultiplesOfTheInterval() {
        var fleet = new Fleet(FleetSpec.of(1, 1, 3, 1), Instant.parse("2025-11-04T19:15:07.5Z"));
        assertThat(fleet.start()).isEqualTo(START);
        assertThat(fleet.scrape("cluster-1", "node-0001", Instant.parse("2025-11-04T19:15:29.9Z")).scrapeTime())
                .isEqualTo(START.plusSeconds(15));
    }

    @Test
    void everyNodeHasExactlyTheSpecifiedPodsAndContainersAtEverySlot() {
        var spec = FleetSpec.of(2, 3, 7, 3).withChurn(new Churn(20, 20));
        var fleet = new Fleet(spec, START);
        for (int slot = 0; slot < 30; slot++) {
            var scrapes = fleet.scrapes(START.plus(STEP.multipliedBy(slot)));
            assertThat(scrapes).hasSize(6);
            for (var s : scrapes) {
                assertThat(s.pods()).hasSize(7).allSatisfy(p -> assertThat(p.containers()).hasSize(3));
            }
        }
        assertThat(fleet.nodeRefs()).extracting(NodeRef::key)
                .containsExactly("cluster-1/node-0001", "cluster-1/node-0002", "cluster-1/node-0003",
                        "cluster-2/node-0001", "cluster-2/node-0002", "cluster-2/node-0003");
    }

    @Test
    void aClusterRunsEveryKindOfWorkloadAndEveryQosClass() {
        var fleet = new Fleet(FleetSpec.of(1, 10, 30, 1), START);
        var pods = fleet.scrapes(START).stream().flatMap(s -> s.pods().stream()).toList();
        assertThat(pods.stream().map(p -> p.meta().workloadKind()).collect(Collectors.toSet()))
                .contains("Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job", "Pod");
        assertThat(pods.stream().map(p -> p.meta().qosClass()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("Guaranteed", "Burstable", "BestEffort");
        assertThat(pods.stream().map(p -> p.podRef().namespace()).collect(Collectors.toSet()))
                .contains("kube-system", "monitoring", "logging");
        var deployments = pods.stream().filter(p -> p.meta().workloadKind().equals("Deployment")).toList();
        assertThat(deployments).allSatisfy(p -> assertThat(p.podRef().name())
                .matches(Pattern.quote(p.meta().workloadName()) + "-[bcdfghjklmnpqrstvwxz2456789]{10}-[a-z0-9]{5}"));
        assertThat(pods).allSatisfy(p -> assertThat(p.meta().labels())
                .doesNotContainKeys("pod-template-hash", "controller-revision-hash"));
        var statefulSetPods = pods.stream().filter(p -> p.meta().workloadKind().equals("StatefulSet"))
                .map(p -> p.podRef().namespace() + "/" + p.podRef().name()).toList();
        assertThat(statefulSetPods).doesNotHaveDuplicates().allMatch(name -> name.matches(".*-\\d+"));
    }

    @Test
    void countersOnlyGrowExceptWhereAContainerRestarted() {
        var fleet = new Fleet(FleetSpec.of(1, 2, 10, 2).withChurn(new Churn(2, 10)), START);
        Map<String, long[]> previous = new HashMap<>();
        int restarts = 0;
        for (int slot = 0; slot < 240; slot++) {
            for (var scrape : fleet.scrapes(START.plus(STEP.multipliedBy(slot)))) {
                var node = scrape.nodeStats();
                restarts += checkGrows(previous, scrape.key(), 0, node.cpu().usageCoreNanoSeconds(),
                        node.network().rxBytes(), node.memory().pageFaults());
                for (PodStats pod : scrape.pods()) {
                    checkGrows(previous, pod.podRef().uid(), 0, pod.cpu().usageCoreNanoSeconds(),
                            pod.network().rxBytes(), pod.memory().pageFaults());
                    for (var c : pod.containers()) {
                        int restartCount = pod.meta().containers().get(c.name()).restartCount();
                        int restarted = checkGrows(previous, pod.podRef().uid() + "/" + c.name(), restartCount,
                                c.cpu().usageCoreNanoSeconds(), c.memory().pageFaults(),
                                c.startTime().getEpochSecond());
                        restarts += restarted;
                        if (restarted > 0) {
                            // a process that started within the last interval has used at most an interval's CPU
                            assertThat(c.cpu().usageCoreNanoSeconds())
                                    .isLessThanOrEqualTo(Math.max(c.cpu().usageNanoCores() * 15 * 11 / 10,
                                            Duration.between(c.startTime(), c.cpu().time()).getSeconds()
                                                    * c.cpu().usageNanoCores() * 11 / 10));
                        }
                    }
                }
            }
        }
        assertThat(restarts).as("restarts seen").isGreaterThan(5);
    }

    /**
     * Returns 1 when the series restarted: then its restart count went up by one and its start time moved on
     * (its counters start again from what the new process used, which may exceed a short-lived predecessor's).
     */
    private static int checkGrows(Map<String, long[]> previous, String series, int restartCount, long... counters) {
        var now = new long[counters.length + 1];
        now[0] = restartCount;
        System.arraycopy(counters, 0, now, 1, counters.length);
        var before = previous.put(series, now);
        if (before == null) {
            return 0;
        }
        if (now[0] == before[0]) {
            for (int i = 1; i < now.length; i++) {
                assertThat(now[i]).as("%s counter %d", series, i).isGreaterThanOrEqualTo(before[i]);
            }
            assertThat(now[1]).as("%s cpu", series).isGreaterThan(before[1]);
            return 0;
        }
        assertThat(now[0]).as("%s restartCount", series).isEqualTo(before[0] + 1);
        assertThat(now[3]).as("%s startTime after restart", series).isGreaterThan(before[3]);
        return 1;
    }

    @Test
    void cpuCountersAdvanceByTheReportedRateTimesTheInterval() {
        var fleet = new Fleet(FleetSpec.of(1, 1, 5, 1).withChurn(Churn.none()), START);
        var first = fleet.scrape("cluster-1", "node-0001", START.plus(STEP));
        var second = fleet.scrape("cluster-1", "node-0001", START.plus(STEP.multipliedBy(2)));
        var c1 = first.pods().get(2).containers().get(0).cpu();
        var c2 = second.pods().get(2).containers().get(0).cpu();
        assertThat(c2.usageCoreNanoSeconds() - c1.usageCoreNanoSeconds()).isEqualTo(c2.usageNanoCores() * 15);
        var n1 = first.nodeStats().cpu();
        var n2 = second.nodeStats().cpu();
        assertThat(n2.usageCoreNanoSeconds() - n1.usageCoreNanoSeconds()).isEqualTo(n2.usageNanoCores() * 15);
    }

    @Test
    void churnReplacesPodsWithNewNamesAndUidsOnTheSameWorkloads() {
        var fleet = new Fleet(FleetSpec.of(1, 3, 20, 1).withChurn(new Churn(4, 0)), START);
        Set<String> firstUids = uids(fleet.scrapes(START).stream().flatMap(s -> s.pods().stream()).toList());
        var laterPods = fleet.scrapes(START.plus(Duration.ofMinutes(30))).stream()
                .flatMap(s -> s.pods().stream()).toList();
        var laterUids = uids(laterPods);
        var gone = new HashSet<>(firstUids);
        gone.removeAll(laterUids);
        assertThat(gone.size()).as("pods replaced in 30 minutes at 4/h").isGreaterThan(firstUids.size() / 2);
        assertThat(laterUids).hasSize(60);
        assertThat(laterPods).filteredOn(p -> !firstUids.contains(p.podRef().uid()))
                .allSatisfy(p -> assertThat(p.startTime()).isAfter(START));
    }

    @Test
    void valuesHaveTheMagnitudesOfARealNode() {
        var fleet = new Fleet(FleetSpec.of(1, 5, 30, 2), START);
        for (RawScrape s : fleet.scrapes(START.plus(STEP))) {
            var node = s.nodeStats();
            var meta = node.meta();
            assertThat(node.cpu().usageNanoCores()).isBetween(50_000_000L, meta.cpuCapacityMillicores() * 1_000_000);
            assertThat(node.memory().workingSetBytes()).isBetween(200L << 20, meta.memoryCapacityBytes());
            assertThat(meta.cpuAllocatableMillicores()).isLessThan(meta.cpuCapacityMillicores());
            assertThat(node.fs().usedBytes()).isLessThan(node.fs().capacityBytes());
            assertThat(node.systemContainers()).extracting(c -> c.name())
                    .containsExactly("kubelet", "runtime", "pods");
            for (var pod : s.pods()) {
                assertThat(pod.ephemeralStorage().usedBytes()).isPositive();
                assertThat(pod.volume()).isNotEmpty();
                for (var c : pod.containers()) {
                    var limit = pod.meta().containers().get(c.name()).memoryLimitBytes();
                    assertThat(c.memory().workingSetBytes()).isPositive()
                            .isLessThanOrEqualTo(limit == null ? Long.MAX_VALUE : limit);
                    assertThat(c.memory().rssBytes()).isLessThanOrEqualTo(c.memory().workingSetBytes());
                    assertThat(c.memory().availableBytes() == null).isEqualTo(limit == null);
                }
            }
        }
    }

    @Test
    void unknownNodesAreRefusedByName() {
        var fleet = new Fleet(FleetSpec.of(1, 1, 3, 1), START);
        assertThatThrownBy(() -> fleet.summaryJson("cluster-9", "node-0001", START))
                .hasMessageContaining("cluster-9/node-0001");
    }

    private static Set<String> uids(java.util.List<PodStats> pods) {
        return pods.stream().map(p -> p.podRef().uid()).collect(Collectors.toSet());
    }
}

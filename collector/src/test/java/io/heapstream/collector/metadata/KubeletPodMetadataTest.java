package io.heapstream.collector.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.testkit.Fixtures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kubelet's own {@code /pods}, captured beside each summary, read into metadata. */
class KubeletPodMetadataTest {

    private static Map<String, PodMeta> read(String folder) throws IOException {
        return KubeletPodMetadata.read(Fixtures.bytes("nri-kubernetes/" + folder + "/kubelet-pods.json"), LabelFilter.ALL);
    }

    @Test
    void deploymentPodIsOwnedByTheDeploymentItsReplicaSetIsNamedAfter() throws IOException {
        PodMeta scraper = read("k8s-1_31").get("scraper/e2e-scraper-5f9c4578cf-kk6zw");

        assertThat(scraper.workloadKind()).isEqualTo("Deployment");
        assertThat(scraper.workloadName()).isEqualTo("e2e-scraper");
        assertThat(scraper.qosClass()).isEqualTo("BestEffort");
        assertThat(scraper.labels()).containsExactly(Map.entry("app", "scraper"));
    }

    @Test
    void cronJobPodIsOwnedByTheCronJobItsJobIsNamedAfter() throws IOException {
        var pods = read("k8s-1_31");

        assertThat(pods.get("scraper/e2e-cronjob-29371395-rwx6j"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName).containsExactly("CronJob", "e2e-cronjob");
        assertThat(pods.get("scraper/e2e-failjob-scthm"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName).containsExactly("Job", "e2e-failjob");
    }

    @Test
    void statefulSetDaemonSetAndStaticPodsKeepTheirOwners() throws IOException {
        var pods = read("k8s-1_31");

        assertThat(pods.get("scraper/e2e-statefulset-1"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName).containsExactly("StatefulSet", "e2e-statefulset");
        assertThat(pods.get("kube-system/kindnet-gmqkj"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName).containsExactly("DaemonSet", "kindnet");
        assertThat(pods.get("kube-system/etcd-datagen-1-31"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName).containsExactly("Pod", "etcd-datagen-1-31");
    }

    @Test
    void requestsLimitsImageAndRestartsPerContainer() throws IOException {
        var pods = read("k8s-1_31");

        assertThat(pods.get("kube-system/coredns-6f6b679f8f-hktpp").containers().get("coredns"))
                .isEqualTo(new ContainerMeta("registry.k8s.io/coredns/coredns:v1.11.1", 100L, null,
                        70L * 1024 * 1024, 170L * 1024 * 1024, 0));
        assertThat(pods.get("scraper/e2e-container-creating").containers().get("alpine"))
                .isEqualTo(new ContainerMeta("alpine:3.22.1", 5L, 5L, 5_000_000L, 5_000_000L, 3));
        assertThat(pods.get("scraper/e2e-container-creating").qosClass()).isEqualTo("Guaranteed");
        assertThat(pods.get("kube-system/storage-provisioner").containers().get("storage-provisioner"))
                .isEqualTo(new ContainerMeta("gcr.io/k8s-minikube/storage-provisioner:v5", null, null, null, null, 1));
    }

    @Test
    void crashLoopingPodsReportEveryContainer() throws IOException {
        var statefulSet = read("k8s-1_28").get("scraper/e2e-statefulset-1");

        assertThat(statefulSet.containers()).containsOnlyKeys("compute-pi-digits", "failing-container");
        assertThat(statefulSet.containers().get("failing-container").cpuRequestMillicores()).isNull();
        assertThat(statefulSet.containers().get("compute-pi-digits").memoryLimitBytes()).isEqualTo(30L << 20);
    }

    @Test
    void olderKubeletWithoutQosClassOrMatchingHashIsStillResolved() throws IOException {
        var ksm = read("minikube-older").get("kube-system/kube-state-metrics-57f4659995-6n2qq");

        assertThat(ksm.workloadKind()).isEqualTo("Deployment");
        assertThat(ksm.workloadName()).isEqualTo("kube-state-metrics");
        assertThat(ksm.qosClass()).isEqualTo("Guaranteed");
        assertThat(ksm.containers().get("addon-resizer").restartCount()).isNull();
        assertThat(read("minikube-older").get("kube-system/newrelic-infra-rz225").containers()
                .get("newrelic-infra").restartCount()).isEqualTo(6);
    }

    @Test
    void labelFilterKeepsOnlyWhatIsIncludedAndNotExcluded() throws IOException {
        var filter = new LabelFilter(List.of("app", "k8s-app", "tier*"), List.of("k8s-app"));
        var pods = KubeletPodMetadata.read(Fixtures.bytes("nri-kubernetes/k8s-1_31/kubelet-pods.json"), filter);

        assertThat(pods.get("scraper/e2e-scraper-5f9c4578cf-kk6zw").labels()).containsOnlyKeys("app");
        assertThat(pods.get("kube-system/coredns-6f6b679f8f-hktpp").labels()).isEmpty();
    }
}

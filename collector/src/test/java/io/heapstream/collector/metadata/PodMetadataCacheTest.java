package io.heapstream.collector.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.heapstream.collector.CollectorMetrics;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import io.heapstream.testkit.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --metadata api} against the fabric8 mock API server holding the objects captured with k8s-1_31:
 * owners are resolved through the ReplicaSets and Jobs the API server holds, not guessed from names.
 *
 * <p>One mock server and one cache for the class (loading the captures and syncing the informers is most of the
 * time): the tests that change the API server's objects ({@code late}, {@code elsewhere}, {@code e2e-statefulset-0})
 * touch none that another test reads.
 */
@EnableKubernetesMockClient(crud = true)
class PodMetadataCacheTest {
    private static final String NODE = "datagen-1-31";

    static KubernetesClient client;
    private static PodMetadataCache cache;

    @BeforeAll
    static void load() {
        var serialization = client.getKubernetesSerialization();
        var pods = serialization.unmarshal(Fixtures.string("nri-kubernetes/k8s-1_31/pods.yaml"), PodList.class);
        for (Pod pod : pods.getItems()) {
            pod.getMetadata().setResourceVersion(null);
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
        }
        var nodes = serialization.unmarshal(Fixtures.string("nri-kubernetes/k8s-1_31/nodes.yaml"), NodeList.class);
        nodes.getItems().forEach(n -> {
            n.getMetadata().setResourceVersion(null);
            client.nodes().resource(n).create();
        });
        replicaSet("scraper", "e2e-deployment-7788bdb6df", "Deployment", "e2e-deployment");
        // A ReplicaSet whose Deployment is not what its name suggests: only a real lookup gets this right.
        replicaSet("kube-system", "coredns-6f6b679f8f", "Deployment", "dns-from-the-api");
        job("scraper", "e2e-cronjob-29371395", "CronJob", "e2e-cronjob");
        job("scraper", "e2e-failjob", null, null);
        // The mock server does not implement the spec.nodeName field selector (it would match nothing), so the
        // informer lists every pod here and the cache's own node check does the filtering.
        cache = new PodMetadataCache(client, false, false, NODE, LabelFilter.ALL,
                new CollectorMetrics(new SimpleMeterRegistry()));
        cache.start();
        await().atMost(Duration.ofSeconds(20)).until(cache::synced);
    }

    @AfterAll
    static void stop() {
        cache.close();
    }

    private static void replicaSet(String namespace, String name, String ownerKind, String ownerName) {
        client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind(ownerKind)
                        .withName(ownerName).withUid(ownerName + "-uid").withController(true).build())
                .endMetadata().build()).create();
    }

    private static void job(String namespace, String name, String ownerKind, String ownerName) {
        var builder = new JobBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata();
        if (ownerKind != null) {
            builder.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1")
                    .withKind(ownerKind).withName(ownerName).withUid(ownerName + "-uid").withController(true).build())
                    .endMetadata();
        }
        client.batch().v1().jobs().inNamespace(namespace).resource(builder.build()).create();
    }

    private PodMeta meta(String namespace, String name) {
        return cache.pod(new PodRef(name, namespace, null));
    }

    @Test
    void replicaSetPodsAreOwnedByTheDeploymentTheApiNames() {
        assertThat(meta("scraper", "e2e-deployment-7788bdb6df-fqlfk"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName).containsExactly("Deployment", "e2e-deployment");
        assertThat(meta("kube-system", "coredns-6f6b679f8f-hktpp"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName).containsExactly("Deployment", "dns-from-the-api");
    }

    @Test
    void jobPodsAreOwnedByTheirCronJobOrTheJob() {
        assertThat(meta("scraper", "e2e-cronjob-29371395-rwx6j"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName).containsExactly("CronJob", "e2e-cronjob");
        assertThat(meta("scraper", "e2e-failjob-scthm"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName).containsExactly("Job", "e2e-failjob");
    }

    @Test
    void replicaSetMissingFromTheApiLeavesTheReplicaSetAsOwner() {
        // e2e-scraper's ReplicaSet was not loaded into the mock API server.
        assertThat(meta("scraper", "e2e-scraper-5f9c4578cf-kk6zw"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName)
                .containsExactly("ReplicaSet", "e2e-scraper-5f9c4578cf");
    }

    @Test
    void staticPodsMirroredByTheApiAreTheirOwnWorkload() {
        assertThat(meta("kube-system", "etcd-datagen-1-31"))
                .extracting(PodMeta::workloadKind, PodMeta::workloadName).containsExactly("Pod", "etcd-datagen-1-31");
    }

    @Test
    void resourcesQosAndRestartsComeFromThePod() {
        var alpine = meta("scraper", "e2e-container-creating");

        assertThat(alpine.qosClass()).isEqualTo("Guaranteed");
        assertThat(alpine.containers().get("alpine").cpuLimitMillicores()).isEqualTo(5L);
        assertThat(alpine.containers().get("alpine").memoryRequestBytes()).isEqualTo(5_000_000L);
        assertThat(alpine.containers().get("alpine").image()).isEqualTo("alpine:3.22.1");
        assertThat(alpine.containers().get("alpine").restartCount()).isNotNull();
        assertThat(alpine.containers().get("alpine").ephemeralStorageRequestBytes()).as("not in its spec").isNull();
        assertThat(alpine.containers().get("alpine").init()).as("an app container").isNull();
    }

    @Test
    void nodeCapacityAndAllocatableComeFromTheNodeObject() {
        var node = cache.node();

        assertThat(node.cpuCapacityMillicores()).isEqualTo(10_000L);
        assertThat(node.cpuAllocatableMillicores()).isEqualTo(10_000L);
        assertThat(node.memoryCapacityBytes()).isEqualTo(16_098_852L * 1024);
        assertThat(node.memoryAllocatableBytes()).isEqualTo(16_098_852L * 1024);
        assertThat(node.labels()).containsEntry("kubernetes.io/hostname", NODE);
        assertThat(node.ephemeralStorageCapacityBytes()).isEqualTo(1_055_761_844L * 1024);
        assertThat(node.ephemeralStorageAllocatableBytes()).isEqualTo(1_055_761_844L * 1024);
    }

    @Test
    void podAddedLaterIsSeenAndPodsOfOtherNodesAreNot() {
        client.pods().inNamespace("scraper").resource(new PodBuilder().withNewMetadata().withName("late")
                .withNamespace("scraper").addToLabels("app", "late").endMetadata()
                .withNewSpec().withNodeName(NODE).addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().build()).create();
        client.pods().inNamespace("scraper").resource(new PodBuilder().withNewMetadata().withName("elsewhere")
                .withNamespace("scraper").endMetadata()
                .withNewSpec().withNodeName("another-node").endSpec().build()).create();

        await().atMost(Duration.ofSeconds(10)).until(() -> meta("scraper", "late") != null);
        assertThat(meta("scraper", "late").labels()).containsEntry("app", "late");
        assertThat(meta("scraper", "late").qosClass()).isEqualTo("BestEffort");
        assertThat(meta("scraper", "elsewhere")).isNull();
    }

    @Test
    void deletedPodIsForgotten() {
        client.pods().inNamespace("scraper").withName("e2e-statefulset-0").delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> meta("scraper", "e2e-statefulset-0") == null);
        assertThat(meta("scraper", "e2e-statefulset-1")).isNotNull();
    }
}

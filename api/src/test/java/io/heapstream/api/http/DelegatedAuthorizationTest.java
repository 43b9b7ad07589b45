package io.heapstream.api.http;

import static io.heapstream.api.metrics.Scrapes.at;
import static io.heapstream.api.metrics.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.heapstream.api.metrics.LatestScrapes;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authorization delegated to the (mock) API server: it sees one SubjectAccessReview with the proxied user, its
 * groups and the metrics.k8s.io resource asked for, and its "no" is a 403 with the API server's wording.
 */
@EnableKubernetesMockClient
class DelegatedAuthorizationTest {
    private static final Clock CLOCK = Clock.fixed(at("00:00:20"), ZoneOffset.UTC);

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<SubjectAccessReview> asked = new CopyOnWriteArrayList<>();
    private AggregatedServer aggregated;

    @BeforeEach
    void serveWithReviews() {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReply(201, request -> {
            var review = client.getKubernetesSerialization().unmarshal(request.getUtf8Body(), SubjectAccessReview.class);
            asked.add(review);
            review.setStatus(new SubjectAccessReviewStatusBuilder()
                    .withAllowed(review.getSpec().getUser().equals("alice")).build());
            return review;
        }).always();
        var state = new LatestScrapes(null, Duration.ofSeconds(15), Duration.ofMinutes(2), CLOCK);
        state.apply(scrape("node-1", "00:00:00", 0, 1));
        state.apply(scrape("node-1", "00:00:15", 15_000_000_000L, 1));
        aggregated = new AggregatedServer(state, new SubjectAccessReviews(client, Duration.ofSeconds(10), CLOCK), CLOCK);
    }

    @AfterEach
    void stop() {
        aggregated.close();
    }

    @Test
    void theApiServerIsAskedAboutTheProxiedUserAndResource() {
        try (var alice = aggregated.proxiedAs("alice", "dev")) {
            assertThat(alice.top().nodes().metrics().getItems()).hasSize(1);
            alice.top().nodes().metrics(); // the second answer comes from the cache
        }
        assertThat(asked).hasSize(1);
        var spec = asked.get(0).getSpec();
        assertThat(spec.getUser()).isEqualTo("alice");
        assertThat(spec.getGroups()).containsExactly("dev");
        assertThat(spec.getResourceAttributes().getGroup()).isEqualTo("metrics.k8s.io");
        assertThat(spec.getResourceAttributes().getResource()).isEqualTo("nodes");
        assertThat(spec.getResourceAttributes().getVerb()).isEqualTo("list");
    }

    @Test
    void aRefusalIsForbiddenInTheApiServersWords() {
        try (var bob = aggregated.proxiedAs("bob", "dev")) {
            assertThatThrownBy(() -> bob.top().nodes().metrics())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getMessage()).isEqualTo("nodes.metrics.k8s.io is forbidden: User"
                                + " \"bob\" cannot list resource \"nodes\" in API group \"metrics.k8s.io\" at the"
                                + " cluster scope");
                    });
        }
    }
}

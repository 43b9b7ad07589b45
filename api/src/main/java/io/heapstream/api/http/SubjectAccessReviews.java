package io.heapstream.api.http;

import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.heapstream.api.http.FrontProxy.User;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorization delegated to the API server: one SubjectAccessReview per distinct (user, request), the answer
 * kept for {@code ttl} (metrics-server's default is 10 s both ways) so that the HPA's steady polling costs the
 * API server almost nothing. An API server that cannot be asked means "no": refusing is the safe failure.
 */
public final class SubjectAccessReviews implements Authorizer {
    private static final Logger LOG = LoggerFactory.getLogger(SubjectAccessReviews.class);
    private static final int MAX_CACHED = 10_000;

    private final KubernetesClient client;
    private final Duration ttl;
    private final Clock clock;
    private final Map<Key, Decision> cache = new ConcurrentHashMap<>();

    public SubjectAccessReviews(KubernetesClient client, Duration ttl, Clock clock) {
        this.client = client;
        this.ttl = ttl;
        this.clock = clock;
    }

    private record Key(User user, Request request) { }

    private record Decision(boolean allowed, long expiresMillis) { }

    @Override
    public boolean allows(User user, Request request) {
        var key = new Key(user, request);
        long now = clock.millis();
        var cached = cache.get(key);
        if (cached != null && cached.expiresMillis() > now) {
            return cached.allowed();
        }
        boolean allowed;
        try {
            var answer = client.authorization().v1().subjectAccessReview().create(review(user, request));
            allowed = answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
        } catch (KubernetesClientException e) {
            LOG.warn("api: SubjectAccessReview for user {} failed, refusing: {}", user.name(), e.getMessage());
            return false;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Decision(allowed, now + ttl.toMillis()));
        return allowed;
    }

    private static SubjectAccessReview review(User user, Request request) {
        var spec = new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(user.name())
                .withGroups(user.groups())
                .withExtra(user.extra());
        if (request.isResource()) {
            spec.withResourceAttributes(new ResourceAttributesBuilder()
                    .withGroup("metrics.k8s.io").withVersion("v1beta1").withResource(request.resource())
                    .withNamespace(request.namespace()).withName(request.name()).withVerb(request.verb()).build());
        } else {
            spec.withNonResourceAttributes(new NonResourceAttributesBuilder()
                    .withPath(request.path()).withVerb(request.verb()).build());
        }
        return spec.endSpec().build();
    }
}

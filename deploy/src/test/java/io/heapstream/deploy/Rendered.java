package io.heapstream.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One overlay, rendered by kustomize and loaded document by document into fabric8's typed model. Loading
 * fails when a document has a kind the model does not know or fields it does not recognise.
 */
record Rendered(String overlay, List<HasMetadata> resources) {
    static final List<String> OVERLAYS = List.of("single-cluster", "multi-cluster/edge", "multi-cluster/central",
            "apiserver-proxy", "pooled",
            "single-cluster-metrics-api");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, Rendered> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    static Rendered overlay(String overlay) {
        return CACHE.computeIfAbsent(overlay, name -> load(name, Kustomize.renderOverlay(name)));
    }

    static Rendered load(String overlay, String yamlStream) {
        var resources = new ArrayList<HasMetadata>();
        for (String document : yamlStream.split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            Object loaded = SERIALIZATION.unmarshal(document);
            if (!(loaded instanceof HasMetadata resource) || loaded instanceof GenericKubernetesResource) {
                throw new AssertionError(overlay + ": not a kind of the fabric8 model:\n" + document);
            }
            List<String> unknown = UnknownFields.in(resource);
            if (!unknown.isEmpty()) {
                throw new AssertionError(overlay + ": " + resource.getKind() + "/" + resource.getMetadata().getName()
                        + " has fields the Kubernetes API does not know: " + unknown);
            }
            resources.add(resource);
        }
        return new Rendered(overlay, List.copyOf(resources));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The resource of that kind whose name is {@code name}, or, for generated ones, starts with {@code name-}. */
    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(r -> named(r, name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(
                overlay + " has no " + kind.getSimpleName() + " " + name + "; it has " + names()));
    }

    /** Pod templates of every workload, by workload name. */
    Map<String, PodTemplateSpec> podTemplates() {
        var templates = new LinkedHashMap<String, PodTemplateSpec>();
        all(DaemonSet.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        all(Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        return templates;
    }

    List<String> names() {
        return resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList();
    }

    static boolean named(HasMetadata resource, String name) {
        String actual = resource.getMetadata().getName();
        // Generated ConfigMaps and Secrets carry a content hash: name-<10 characters>.
        return actual.equals(name) || actual.matches(java.util.regex.Pattern.quote(name) + "-[a-z0-9]{10}");
    }

    static Container container(PodTemplateSpec template, String name) {
        return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    static Optional<EnvVar> env(Container container, String name) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                .filter(e -> e.getName().equals(name)).findFirst();
    }

    static String envValue(Container container, String name) {
        return env(container, name).map(EnvVar::getValue)
                .orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
    }
}

package io.heapstream.collector.metadata;

import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.PodMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

/** Builds the model's {@link PodMeta} from a {@link PodDocument} and its resolved workload. */
public final class PodMetas {
    private PodMetas() { }

    public static PodMeta of(PodDocument pod, Workload workload, LabelFilter labels) {
        var restarts = new HashMap<String, Integer>();
        if (pod.status() != null) {
            pod.status().containerStatuses().forEach(s -> restarts.put(s.name(), s.restartCount()));
            pod.status().initContainerStatuses().forEach(s -> restarts.put(s.name(), s.restartCount()));
        }
        var containers = new LinkedHashMap<String, ContainerMeta>();
        List<PodDocument.Container> all = pod.spec() == null ? List.of() : concat(pod.spec());
        int apps = pod.spec() == null ? 0 : pod.spec().containers().size();
        for (int i = 0; i < all.size(); i++) {
            PodDocument.Container c = all.get(i);
            if (c.name() == null) {
                continue;
            }
            var resources = c.resources() == null ? new PodDocument.Resources(null, null) : c.resources();
            // an empty image is no image (Heapster wrote no container_base_image for it)
            String image = c.image() == null || c.image().isEmpty() ? null : c.image();
            containers.put(c.name(), new ContainerMeta(image,
                    Quantities.millicores(resources.requests().get("cpu")),
                    Quantities.millicores(resources.limits().get("cpu")),
                    Quantities.bytes(resources.requests().get("memory")),
                    Quantities.bytes(resources.limits().get("memory")),
                    restarts.get(c.name()),
                    Quantities.bytes(resources.requests().get("ephemeral-storage")),
                    Quantities.bytes(resources.limits().get("ephemeral-storage")),
                    i >= apps ? Boolean.TRUE : null));
        }
        String qos = pod.status() == null || pod.status().qosClass() == null
                ? qosClass(all) : pod.status().qosClass();
        return new PodMeta(labels.apply(pod.metadata().labels()), workload.kind(), workload.name(), qos, containers);
    }

    private static List<PodDocument.Container> concat(PodDocument.Spec spec) {
        var all = new ArrayList<PodDocument.Container>(spec.containers());
        all.addAll(spec.initContainers());
        return all;
    }

    /**
     * For pods whose status has no {@code qosClass} (older kubelets): Kubernetes' rule, on CPU and memory of the
     * app containers. Requests default to limits when only limits are set.
     */
    static String qosClass(List<PodDocument.Container> containers) {
        boolean any = false;
        boolean guaranteed = true;
        for (PodDocument.Container c : containers) {
            var r = c.resources() == null ? new PodDocument.Resources(null, null) : c.resources();
            for (String resource : List.of("cpu", "memory")) {
                String request = r.requests().get(resource);
                String limit = r.limits().get(resource);
                any |= request != null || limit != null;
                Long l = resource.equals("cpu") ? Quantities.millicores(limit) : Quantities.bytes(limit);
                Long q = request == null ? l
                        : resource.equals("cpu") ? Quantities.millicores(request) : Quantities.bytes(request);
                guaranteed &= l != null && l.equals(q);
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}

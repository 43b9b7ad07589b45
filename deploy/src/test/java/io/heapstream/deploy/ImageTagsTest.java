package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every container of every overlay names its image with a tag or a digest: an untagged image is {@code :latest},
 * which a node pulls at whatever version the registry holds that day. Kustomize's {@code images:} entry reaches only
 * the resources of its own kustomization, so a workload outside base (the api, the pooled collector) is where a
 * missing tag hides.
 */
class ImageTagsTest {

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everyImageHasATagOtherThanLatest(String overlay) {
        Rendered.overlay(overlay).podTemplates().forEach((workload, template) -> {
            var spec = template.getSpec();
            Stream.concat(spec.getContainers().stream(),
                    spec.getInitContainers() == null ? Stream.empty() : spec.getInitContainers().stream())
                    .map(Container::getImage)
                    .forEach(image -> assertThat(tagOrDigest(image)).as(overlay + " " + workload + " image " + image)
                            .isNotEmpty().isNotEqualTo("latest"));
        });
    }

    /** What follows the last ':' after the last '/' (a registry's port is not a tag), or the digest. */
    private static String tagOrDigest(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(at + 1);
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        return colon < 0 ? "" : last.substring(colon + 1);
    }
}

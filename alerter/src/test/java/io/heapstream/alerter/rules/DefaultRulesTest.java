package io.heapstream.alerter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.rollup.Level;
import org.junit.jupiter.api.Test;

/** The default rule set loads and covers what docs/alerts.md promises. */
class DefaultRulesTest {
    @Test
    void defaultRulesLoadAndCoverNodesPodsFilesystemsRestartsAndSilence() throws Exception {
        var rules = RuleFile.defaults();

        assertThat(rules).extracting(Rule::name).containsExactly("NodeCpuUtilizationHigh",
                "NodeMemoryUtilizationHigh", "PodMemoryNearLimit", "PodCpuFarAboveRequest", "NodeFilesystemNearlyFull",
                "NodeFilesystemInodesNearlyExhausted", "PodVolumeNearlyFull", "PodVolumeInodesNearlyExhausted",
                "ContainerRestarting", "NodeNotReporting", "ClusterNotReporting");
        assertThat(rules.stream().filter(Rule::isAbsence).map(Rule::level)).containsExactly(Level.NODE, Level.CLUSTER);
        assertThat(rules.stream().filter(Rule::perResource).map(Rule::name)).containsExactly("NodeFilesystemNearlyFull",
                "NodeFilesystemInodesNearlyExhausted", "PodVolumeNearlyFull", "PodVolumeInodesNearlyExhausted");
    }
}

package io.heapstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaBrokerClasspathTest {

    @Test
    void buildWroteABrokerClasspathWithKafkaAndItsLogBinding() {
        var classpath = KafkaBrokerClasspath.fromBuild();

        assertThat(classpath).isPresent();
        assertThat(classpath.get()).contains("kafka_2.13-").contains("log4j-slf4j2-impl-").contains("log4j-core-");
    }

    @Test
    void aClasspathWithAMissingJarIsNotUsed() {
        assertThat(KafkaBrokerClasspath.allEntriesExist("/nonexistent/kafka_2.13.jar")).isFalse();
        assertThat(KafkaBrokerClasspath.allEntriesExist("")).isFalse();
    }
}

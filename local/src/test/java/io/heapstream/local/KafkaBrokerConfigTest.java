package io.heapstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTest {

    private final KafkaBrokerConfig config = new KafkaBrokerConfig(19092, 19093, Path.of("/tmp/broker-home"));

    @Test
    void everyListenerBindsLoopbackOnly() throws Exception {
        var props = load(config.serverPropertiesText());

        assertThat(props.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
        assertThat(config.bootstrap()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void internalTopicsFitASingleBrokerAndTopicsAreNeverAutoCreated() throws Exception {
        var props = load(config.serverPropertiesText());

        assertThat(props).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void dataLivesUnderTheBrokersHome() throws Exception {
        var props = load(config.serverPropertiesText());

        assertThat(props.getProperty("log.dirs")).isEqualTo(Path.of("/tmp/broker-home/data").toString());
    }

    @Test
    void brokerLogGoesToAFileAtWarn() throws Exception {
        var props = load(config.log4jText());

        assertThat(props).containsEntry("rootLogger.level", "warn")
                .containsEntry("appender.file.type", "File")
                .containsEntry("appender.file.fileName", config.brokerLog().toString());
    }

    private static Properties load(String text) throws Exception {
        var props = new Properties();
        props.load(new StringReader(text));
        return props;
    }
}

package io.heapstream.app;

import io.heapstream.model.Topic;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.model.settings.CommonSettings;
import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingsException;
import io.heapstream.model.settings.SettingsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Flags every role shares ({@link CommonSettings}), so roles agree and scripts can drive them. Each flag falls
 * back to an environment variable of the same name ({@code --kafka-bootstrap} / {@code HEAPSTREAM_KAFKA_BOOTSTRAP}),
 * then to its declared default.
 */
@Command(modelTransformer = SettingOptions.class)
public final class CommonOptions implements DeclaresSettings {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private final Map<String, String> flags = new LinkedHashMap<>();

    @Override
    public List<Setting<?>> settings() {
        return CommonSettings.ALL;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }

    /**
     * Everything a role reads: the environment, the shared flags and the role's own flags over it; each given
     * value is checked against its declaration here, so that one message names every bad one.
     *
     * @throws SettingsException naming every bad value, shared or the role's own
     */
    public Map<String, String> settings(DeclaresSettings role) {
        return settings(role, System.getenv());
    }

    /**
     * {@link #settings(DeclaresSettings)} and the Kafka client settings of {@code --kafka-config}, each under
     * {@code kafkaPrefix} + its name, as the aggregator's and the writer's factories read them.
     */
    public Map<String, String> settingsWithKafka(DeclaresSettings role, String kafkaPrefix) {
        var values = settings(role);
        kafkaProperties().forEach((name, value) -> values.put(kafkaPrefix + name, value));
        return values;
    }

    /** {@link #settings(DeclaresSettings)} over a given environment (tests). */
    Map<String, String> settings(DeclaresSettings role, Map<String, String> environment) {
        var values = new HashMap<>(environment);
        values.putAll(flags);
        values.putAll(role.flags());
        var all = new ArrayList<Setting<?>>(CommonSettings.ALL);
        all.addAll(role.settings());
        SettingsReader.check(roleName(), all, values);
        return values;
    }

    public String kafkaBootstrap() {
        return read(CommonSettings.KAFKA_BOOTSTRAP);
    }

    public String cluster() {
        return read(CommonSettings.CLUSTER);
    }

    public int httpPort() {
        return read(CommonSettings.HTTP_PORT);
    }

    public String httpAddress() {
        return read(CommonSettings.HTTP_ADDRESS);
    }

    public Topic<String, RawScrape> rawTopic() {
        return Topics.raw(read(CommonSettings.RAW_TOPIC));
    }

    public Topic<RollupKey, Rollup> rollupTopic(Duration resolution) {
        return Topics.rollup(rollupTopicPrefix() + Topics.suffix(resolution));
    }

    public String rollupTopicPrefix() {
        return read(CommonSettings.ROLLUP_TOPIC_PREFIX);
    }

    public String deadLetterTopic() {
        return read(CommonSettings.DEAD_LETTER_TOPIC);
    }

    public String lateTopic() {
        return read(CommonSettings.LATE_TOPIC);
    }

    /**
     * Extra Kafka client settings from {@code --kafka-config} (empty without it), as strings.
     *
     * @throws SettingsException when the file cannot be read
     */
    public Map<String, String> kafkaProperties() {
        var result = new LinkedHashMap<String, String>();
        String file = read(CommonSettings.KAFKA_CONFIG);
        if (file == null) {
            return result;
        }
        var properties = new Properties();
        try (var in = Files.newInputStream(Path.of(file))) {
            properties.load(in);
        } catch (IOException | RuntimeException e) {
            throw new SettingsException(roleName(), List.of(CommonSettings.KAFKA_CONFIG.names() + ": cannot read "
                    + file + " (" + e.getClass().getSimpleName() + ")"));
        }
        properties.stringPropertyNames().forEach(name -> result.put(name, properties.getProperty(name)));
        return result;
    }

    private <T> T read(Setting<T> setting) {
        var values = new HashMap<>(System.getenv());
        values.putAll(flags);
        var reader = new SettingsReader(roleName(), values);
        T value = reader.get(setting);
        reader.throwIfInvalid();
        return value;
    }

    private String roleName() {
        return mixee == null ? "heapstream" : mixee.name();
    }
}

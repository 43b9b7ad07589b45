package io.heapstream.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heapstream.model.Json;
import io.heapstream.model.Topics;
import io.heapstream.model.rollup.Rollup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The streaming reader against the oracle, the model mapper's databind reading of the same bytes. */
class RollupJsonReaderTest {
    private static Rollup oracle(byte[] json) throws Exception {
        return Json.mapper().readValue(json, Rollup.class);
    }

    @Test
    void readsEveryRandomRollupTheWriterWritesAsDatabindDoesWithoutFallingBack() throws Exception {
        var rollups = new RandomRollups(13);
        for (int i = 0; i < 2_000; i++) {
            var rollup = rollups.next();
            var json = RollupJsonSerializer.values().serialize("t", rollup);
            assertThat(oracle(json)).isEqualTo(rollup);
            assertThat(RollupJsonReader.readFast(json)).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(rollup);
            assertThat(Topics.ROLLUP.deserializer().deserialize("t", json)).isEqualTo(rollup);
        }
    }

    @Test
    void readsOtherProducersFieldOrderUnknownFieldsNullsAndAbsentOptionalsAsDatabindDoes() throws Exception {
        var rollups = new RandomRollups(7);
        var random = new Random(7);
        for (int i = 0; i < 500; i++) {
            var tree = (ObjectNode) Json.mapper().readTree(RollupJsonSerializer.values().serialize("t", rollups.next()));
            var metrics = new ArrayList<ObjectNode>();
            tree.get("metrics").forEach(m -> metrics.add((ObjectNode) m));
            var objects = new ArrayList<ObjectNode>(metrics);
            objects.add(tree);
            objects.add((ObjectNode) tree.get("key"));
            for (var o : objects) {
                if (random.nextBoolean()) {
                    o.set("unknown" + random.nextInt(3), Json.mapper().readTree(
                            "{\"a\":[1,{\"b\":null}],\"metrics\":\"x\",\"name\":3}"));
                }
                o.put("extra", random.nextInt(9));
                for (var optional : List.of("labels", "image", "resourceId", "namespace", "pod", "metrics")) {
                    if (o.has(optional) && random.nextInt(4) == 0) {
                        o.putNull(optional);
                    } else if (o.has(optional) && random.nextInt(4) == 0) {
                        o.remove(optional);
                    }
                }
                if (random.nextInt(8) == 0) {
                    o.remove("schemaVersion");
                }
                shuffle(o, random);
            }
            var json = Json.mapper().writeValueAsBytes(tree);
            var text = new String(json, StandardCharsets.UTF_8);
            assertThat(RollupJsonReader.readFast(json)).as(text).isEqualTo(oracle(json));
            assertThat(RollupJsonReader.read(json)).as(text).isEqualTo(oracle(json));
        }
    }

    @Test
    void whatItDoesNotTakeIsReadOrRejectedExactlyAsDatabindDoes() throws Exception {
        var base = new String(RollupJsonSerializer.values().serialize("t", RandomRollups.typical(1)),
                StandardCharsets.UTF_8);
        var inputs = new ArrayList<>(List.of("", "null", "[]", "{}", "{\"schemaVersion\":", "1", "\"x\"",
                base + " trailing", base.replace("\"count\":6", "\"count\":\"6\""),
                base.replace("\"count\":6", "\"count\":6.0"), base.replace("\"count\":6", "\"count\":0"),
                base.replace("\"count\":6", "\"count\":null"), base.replace("\"count\":6", "\"count\":99999999999999999999"),
                base.replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\""),
                base.replace("\"schemaVersion\":1", "\"schemaVersion\":null"),
                base.replace("\"schemaVersion\":1", "\"schemaVersion\":1,\"schemaVersion\":2"),
                base.replace("\"cluster\":\"c1\"", "\"cluster\":\"c1\",\"cluster\":\"c2\""),
                base.replace("\"app\":\"web\"", "\"app\":\"web\",\"app\":\"api\""),
                base.replace("\"app\":\"web\"", "\"app\":null"), base.replace("\"app\":\"web\"", "\"app\":7"),
                base.replace("\"level\":\"pod\"", "\"level\":\"POD\""),
                base.replace("\"level\":\"pod\"", "\"level\":\"planet\""),
                base.replace("\"level\":\"pod\"", "\"level\":null"), base.replace("\"cluster\":\"c1\"", "\"cluster\":1"),
                base.replace("\"PT1M\"", "\"pt1m\""), base.replace("\"PT1M\"", "\" PT1M \""),
                base.replace("\"PT1M\"", "60"), base.replace("\"PT1M\"", "\"\""), base.replace("\"PT1M\"", "\"-PT1M\""),
                base.replace("\"PT1M\"", "\"1 minute\""), base.replace("\"PT1M\"", "null"),
                base.replace("00:01:00Z", "00:01:00+00:00"), base.replace("\"2026-01-01T00:01:00Z\"", "1767225660"),
                base.replace("\"2026-01-01T00:01:00Z\"", "\"1767225660000\""),
                base.replace("\"2026-01-01T00:01:00Z\"", "\"2026-02-30T00:01:00Z\""),
                base.replace("\"min\":0.0", "\"min\":\"0.5\""), base.replace("\"min\":0.0", "\"min\":\"INF\""),
                base.replace("\"min\":0.0", "\"min\":\"-INF\""), base.replace("\"min\":0.0", "\"min\":null"),
                base.replace("\"min\":0.0", "\"min\":true"), base.replace("\"min\":0.0", "\"min\":NaN"),
                base.replace("\"min\":0.0", "\"min\":1e400"), base.replace("\"min\":0.0", "\"min\":123456789012345678901"),
                base.replace("\"name\":\"metric/0\",", ""), base.replace("\"key\":{", "\"key\":null,\"k\":{"),
                base.replace("\"metrics\":[", "\"metrics\":[null,"), base.replace("\"image\"", "\"image\":[],\"i\""),
                base.replace("\"labels\":{", "\"labels\":[],\"l\":{"), base.replace("\"metrics\":[", "\"metrics\":{},\"m\":[")));
        for (var input : inputs) {
            var bytes = input.getBytes(StandardCharsets.UTF_8);
            Object expected;
            try {
                expected = oracle(bytes);
            } catch (Exception e) {
                expected = e;
            }
            var actual = catchThrowable(() -> assertThat(RollupJsonReader.read(bytes)).as(input)
                    .isEqualTo(oracleOrNull(bytes)));
            if (expected instanceof Exception e) {
                assertThat(actual).as(input).isInstanceOf(e.getClass()).hasMessage(e.getMessage());
                assertThat(catchThrowable(() -> Topics.ROLLUP.deserializer().deserialize("t", bytes))).as(input)
                        .isInstanceOf(SerializationException.class).hasCause(e);
            } else {
                assertThat(actual).as(input).isNull();
            }
        }
    }

    private static Rollup oracleOrNull(byte[] json) {
        try {
            return oracle(json);
        } catch (Exception e) {
            return null;
        }
    }

    private static void shuffle(ObjectNode o, Random random) {
        var names = new ArrayList<String>();
        o.fieldNames().forEachRemaining(names::add);
        Collections.shuffle(names, random);
        var copy = o.deepCopy();
        o.removeAll();
        for (var name : names) {
            JsonNode value = copy.get(name);
            o.set(name, value);
        }
    }
}

package io.heapstream.app.heapster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heapstream.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;

/**
 * One capture served as a kubelet running now, by the rules the Heapster reference was made with
 * (fixtures/heapster-reference/README.md): the node is renamed {@code peer-0N} and every pod's name and uid get
 * the suffix {@code -peer-0N}; on every answer each {@code time} field is the request time (whole seconds),
 * {@code usageCoreNanoSeconds} has advanced at the block's own {@code usageNanoCores} (only where both are
 * there), {@code rxBytes} at 1000 B/s and {@code txBytes} at 500 B/s since the kubelets started. Everything
 * else, {@code startTime} included, stays as captured.
 */
final class LiveCapture {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long RX_PER_SECOND = 1000;
    static final long TX_PER_SECOND = 500;

    private final ObjectNode renamed;
    private final Instant started;

    LiveCapture(String fixture, String nodeName, Instant started) {
        this.started = started;
        try {
            this.renamed = (ObjectNode) JSON.readTree(Fixtures.bytes(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capture " + fixture, e);
        }
        ((ObjectNode) renamed.path("node")).put("nodeName", nodeName);
        for (JsonNode pod : renamed.path("pods")) {
            var ref = (ObjectNode) pod.path("podRef");
            ref.put("name", ref.path("name").asText() + "-" + nodeName);
            ref.put("uid", ref.path("uid").asText() + "-" + nodeName);
        }
    }

    /** The capture after the renaming, without the live changes: what the API objects are built from. */
    JsonNode renamed() {
        return renamed;
    }

    /** The body of {@code GET /stats/summary} at {@code now}. */
    byte[] at(Instant now) {
        var copy = renamed.deepCopy();
        var seconds = BigDecimal.valueOf(Duration.between(started, now).toMillis()).movePointLeft(3);
        live(copy, now.truncatedTo(ChronoUnit.SECONDS).toString(), seconds);
        try {
            return JSON.writeValueAsBytes(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void live(JsonNode node, String time, BigDecimal seconds) {
        if (node.isArray()) {
            node.forEach(child -> live(child, time, seconds));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        var object = (ObjectNode) node;
        if (object.has("time")) {
            object.put("time", time);
        }
        if (object.path("usageCoreNanoSeconds").isNumber() && object.path("usageNanoCores").isNumber()) {
            advance(object, "usageCoreNanoSeconds", object.get("usageNanoCores").bigIntegerValue(), seconds);
        }
        if (object.path("rxBytes").isNumber()) {
            advance(object, "rxBytes", BigInteger.valueOf(RX_PER_SECOND), seconds);
        }
        if (object.path("txBytes").isNumber()) {
            advance(object, "txBytes", BigInteger.valueOf(TX_PER_SECOND), seconds);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            live(it.next().getValue(), time, seconds);
        }
    }

    private static void advance(ObjectNode object, String field, BigInteger perSecond, BigDecimal seconds) {
        var by = new BigDecimal(perSecond).multiply(seconds).setScale(0, RoundingMode.FLOOR).toBigInteger();
        object.put(field, object.get(field).bigIntegerValue().add(by));
    }
}

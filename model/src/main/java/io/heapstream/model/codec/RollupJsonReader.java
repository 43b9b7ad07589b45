package io.heapstream.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.heapstream.model.Json;
import io.heapstream.model.UtcTimes;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rollup's reader, beside its writer {@link RollupJsonSerializer}, for every consumer of a rollup topic (the
 * writer, the alerter, replay, the api, the aggregator's totals step): Jackson's streaming parser instead of databind,
 * which cost the alerter 21–25 µs of CPU per rollup.
 *
 * <p>The fast path takes the shape the writer writes, in any field order, with unknown fields skipped (the model
 * mapper ignores them too) and {@code null} or absent optional fields: strings as strings, integers as JSON integers,
 * doubles as JSON numbers or the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (what Jackson writes
 * for them), times as plain UTC text, durations as ISO-8601 text. Anything else — a coercion databind would make (a
 * number in quotes, a float count, epoch times), a field given twice, a null primitive, malformed JSON, a record the
 * model rejects — <em>falls back to databind</em>: the input is read again by the model mapper, which returns what it
 * always returned or throws the exception it always threw, so what is read and what goes to a dead-letter topic stay
 * as before. {@code RollupJsonReaderTest} holds both paths equal to the model mapper.
 */
public final class RollupJsonReader {
    private static final ObjectReader READER = Json.mapper().readerFor(Rollup.class)
            .with(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
    /** Exact like the JDK's parser (both round correctly) and quicker on the five doubles of every metric. */
    private static final JsonFactory FACTORY = Json.mapper().getFactory().rebuild()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    /** The last resolution read: a topic has one, and {@code Duration.parse} is a regular expression. */
    private static volatile Map.Entry<String, Duration> lastResolution = Map.entry("PT1M", Duration.ofMinutes(1));

    private RollupJsonReader() { }

    /**
     * What a consumer reads of a rollup, for one that needs little of it (the alerter: the levels and metrics its
     * rules name). Parts not selected are tokenized but not decoded.
     */
    public interface Selection {
        /** False: the rollup is not read past its key, and {@link #read(byte[], Selection)} returns null. */
        boolean level(Level level);

        /** False: the metric is left out of the rollup read. */
        boolean metric(Level level, String name);
    }

    /**
     * The rollup with only the selected metrics, or {@code null} when its level is not selected (or for JSON null).
     * A record of a level not selected is not read past its key, so a defect further on goes unnoticed; one that
     * is selected is checked as by {@link #read(byte[])}, and one the fast path leaves to databind comes back with
     * every metric.
     */
    public static Rollup read(byte[] json, Selection selection) throws IOException {
        Rollup fast;
        try {
            fast = readFast(json, selection);
        } catch (IOException | RuntimeException notTheWritersShape) {
            Rollup full = READER.readValue(json);
            return full == null || !selection.level(full.key().level()) ? null : full;
        }
        return fast;
    }

    /** The rollup of a record's value ({@code null} for JSON null); a value that is not one raises databind's exception. */
    public static Rollup read(byte[] json) throws IOException {
        Rollup fast;
        try {
            fast = readFast(json, null);
        } catch (IOException | RuntimeException notTheWritersShape) {
            return READER.readValue(json);
        }
        return fast;
    }

    /** The fast path alone; package-private so that the tests can check it takes what the writer writes. */
    static Rollup readFast(byte[] json) throws IOException {
        return readFast(json, null);
    }

    private static Rollup readFast(byte[] json, Selection selection) throws IOException {
        try (var p = FACTORY.createParser(json)) {
            var first = p.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                return null;
            }
            expect(p, JsonToken.START_OBJECT);
            int seen = 0;
            int version = 0;
            RollupKey key = null;
            Duration resolution = null;
            Instant start = null;
            Instant end = null;
            List<MetricStats> metrics = null;
            Map<String, String> labels = null;
            String image = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                var field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "schemaVersion" -> {
                        seen = once(p, seen, 1);
                        expect(p, JsonToken.VALUE_NUMBER_INT);
                        version = p.getIntValue();
                    }
                    case "key" -> {
                        seen = once(p, seen, 2);
                        key = key(p);
                        if (selection != null && key != null && !selection.level(key.level())) {
                            return null;
                        }
                    }
                    case "resolution" -> {
                        seen = once(p, seen, 4);
                        resolution = duration(p);
                    }
                    case "windowStart" -> {
                        seen = once(p, seen, 8);
                        start = instant(p);
                    }
                    case "windowEnd" -> {
                        seen = once(p, seen, 16);
                        end = instant(p);
                    }
                    case "metrics" -> {
                        seen = once(p, seen, 32);
                        metrics = metrics(p, selection == null || key == null ? null : selection, key);
                    }
                    case "labels" -> {
                        seen = once(p, seen, 64);
                        labels = JsonValues.map(p, RollupJsonReader::nonNullString);
                    }
                    case "image" -> {
                        seen = once(p, seen, 128);
                        image = JsonValues.string(p);
                    }
                    default -> p.skipChildren();
                }
            }
            return new Rollup(version, key, resolution, start, end, metrics, labels, image);
        }
    }

    private static RollupKey key(JsonParser p) throws IOException {
        if (JsonValues.isNull(p)) {
            return null;
        }
        var v = JsonValues.object(p, new String[] {"level", "cluster", "namespace", "workload", "pod", "container",
            "node"}, "SSSSSSS");
        if (v[0] == null) {
            throw JsonValues.unusual(p);   // databind's null level: its exception, not ours
        }
        return new RollupKey(Level.fromId((String) v[0]), (String) v[1], (String) v[2], (String) v[3],
                (String) v[4], (String) v[5], (String) v[6]);
    }

    /** The metrics; with a selection (and the key read before them), only the selected ones are decoded. */
    private static List<MetricStats> metrics(JsonParser p, Selection selection, RollupKey key) throws IOException {
        if (JsonValues.isNull(p)) {
            return null;
        }
        expect(p, JsonToken.START_ARRAY);
        var out = new ArrayList<MetricStats>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT);
            int seen = 0;
            String name = null;
            String resourceId = null;
            long count = 0;
            double[] stats = new double[4];
            fields:
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                var field = p.currentName();
                p.nextToken();
                int stat = switch (field) {
                    case "avg" -> 0;
                    case "min" -> 1;
                    case "max" -> 2;
                    case "last" -> 3;
                    default -> -1;
                };
                if (stat >= 0) {
                    seen = once(p, seen, 8 << stat);
                    stats[stat] = doubleValue(p);
                    continue;
                }
                switch (field) {
                    case "name" -> {
                        seen = once(p, seen, 1);
                        name = JsonValues.string(p);
                        if (selection != null && name != null && !selection.metric(key.level(), name)) {
                            skipRest(p);
                            seen = -1;
                            break fields;
                        }
                    }
                    case "resourceId" -> {
                        seen = once(p, seen, 2);
                        resourceId = JsonValues.string(p);
                    }
                    case "count" -> {
                        seen = once(p, seen, 4);
                        expect(p, JsonToken.VALUE_NUMBER_INT);
                        count = p.getLongValue();
                    }
                    default -> p.skipChildren();
                }
            }
            if (seen != -1) {
                out.add(new MetricStats(name, resourceId, count, stats[0], stats[1], stats[2], stats[3]));
            }
        }
        return out;
    }

    /** Moves to the end of the current metric object, past scalars and anything nested. */
    private static void skipRest(JsonParser p) throws IOException {
        while (p.nextToken() != JsonToken.END_OBJECT) {
            p.nextToken();
            p.skipChildren();
        }
    }

    private static double doubleValue(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_FLOAT, VALUE_NUMBER_INT -> p.getDoubleValue();
            case VALUE_STRING -> switch (p.getText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw JsonValues.unusual(p);
            };
            default -> throw JsonValues.unusual(p);
        };
    }

    private static Instant instant(JsonParser p) throws IOException {
        if (JsonValues.isNull(p)) {
            return null;
        }
        expect(p, JsonToken.VALUE_STRING);
        var t = UtcTimes.parsePlain(p.getText());
        if (t == null) {
            throw JsonValues.unusual(p);
        }
        return t;
    }

    private static Duration duration(JsonParser p) throws IOException {
        if (JsonValues.isNull(p)) {
            return null;
        }
        expect(p, JsonToken.VALUE_STRING);
        var text = p.getText();
        var last = lastResolution;
        if (last.getKey().equals(text)) {
            return last.getValue();
        }
        if (text.isEmpty() || text.charAt(0) != 'P') {   // blank or padded text: databind's rules
            throw JsonValues.unusual(p);
        }
        var d = Duration.parse(text);
        lastResolution = Map.entry(text, d);
        return d;
    }

    private static String nonNullString(JsonParser p) throws IOException {
        expect(p, JsonToken.VALUE_STRING);
        return p.getText();
    }

    /** {@code seen} with {@code bit} added; a field given twice is left to databind's rules. */
    private static int once(JsonParser p, int seen, int bit) {
        if ((seen & bit) != 0) {
            throw new IllegalStateException("field given twice: " + currentName(p));
        }
        return seen | bit;
    }

    private static String currentName(JsonParser p) {
        try {
            return p.currentName();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        if (p.currentToken() != token) {
            throw JsonValues.unusual(p);
        }
    }
}

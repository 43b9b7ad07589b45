package io.heapstream.writer.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

class LineProtocolTest {

    @Test
    void floatsAreFormattedAsInfluxdbJavaFormatsThem() {
        var random = new SplittableRandom(42);
        double[] special = {0.0, -0.0, 1.0, -1.0, 250.0, 0.5, 12.25, 1e7, 9999999.0, 1e-3, 9.99e-4, 1.0e-5, 1e9, 1e21,
                1.0E22, 123456789.123, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 4.35e-310, 0.1 + 0.2};
        for (double value : special) {
            assertSameAsPoint(value);
        }
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                assertSameAsPoint(value);
            }
            assertSameAsPoint(random.nextDouble() * Math.pow(10, random.nextInt(-12, 16)));
        }
    }

    @Test
    void keysAndTagValuesEscapeSpaceCommaAndEquals() {
        var tags = new TreeMap<String, String>();
        tags.put("a key", "v,1=2");
        tags.put("b", "plain\\quoted\"");

        assertThat(LineProtocol.tags(tags)).isEqualTo(",a\\ key=v\\,1\\=2,b=plain\\quoted\"");
        assertThat(LineProtocol.escape(new StringBuilder(), "cpu/usage rate,x=y").toString())
                .isEqualTo("cpu/usage\\ rate\\,x\\=y");
        String point = Point.measurement("m x").tag(tags).addField("f", 1L).time(5L, TimeUnit.MILLISECONDS)
                .build().lineProtocol(TimeUnit.MILLISECONDS);
        assertThat(point).isEqualTo("m\\ x" + LineProtocol.tags(tags) + " f=1i 5");
    }

    @Test
    void tagValueWithANewlineIsRefusedInsteadOfEndingThePointThere() {
        var tags = new TreeMap<String, String>(Map.of("pod", "x f=1 0\nevil,cluster=prod"));

        assertThatThrownBy(() -> LineProtocol.tags(tags)).isInstanceOf(UnwritableTextException.class)
                .hasMessageContaining("control character").hasMessageContaining("\\u000a");
    }

    @Test
    void carriageReturnTabAndNulAreRefusedToo() {
        for (String text : List.of("a\rb", "\tpod", "pod\u0000")) {
            assertThatThrownBy(() -> LineProtocol.escape(new StringBuilder(), text))
                    .isInstanceOf(UnwritableTextException.class);
        }
    }

    @Test
    void trailingBackslashIsRefusedInsteadOfEscapingTheSeparatorAfterIt() {
        var tags = new TreeMap<String, String>(Map.of("a", "pod\\", "b", "x"));

        assertThatThrownBy(() -> LineProtocol.tags(tags)).isInstanceOf(UnwritableTextException.class)
                .hasMessageContaining("ends in a backslash");
    }

    @Test
    void backslashBeforeASpecialCharacterIsRefusedAndElsewhereKept() {
        for (String text : List.of("a\\,b", "a\\ b", "a\\=b", "a\\\"b", "a\\\\b")) {
            assertThatThrownBy(() -> LineProtocol.escape(new StringBuilder(), text))
                    .isInstanceOf(UnwritableTextException.class).hasMessageContaining("backslash before");
        }
        assertThat(LineProtocol.escape(new StringBuilder(), "C:\\x y").toString()).isEqualTo("C:\\x\\ y");
    }

    @Test
    void measurementStartingWithHashIsRefusedBecauseTheLineWouldBeAComment() {
        assertThatThrownBy(() -> LineProtocol.measurement(new StringBuilder(), "#cpu"))
                .isInstanceOf(UnwritableTextException.class).hasMessageContaining("comment");
        assertThat(LineProtocol.measurement(new StringBuilder(), "cpu#1").toString()).isEqualTo("cpu#1");
    }

    @Test
    void loneSurrogatesAndEmptyTextAreRefusedButPairsAreKept() {
        assertThatThrownBy(() -> LineProtocol.escape(new StringBuilder(), "a\ud800b"))
                .isInstanceOf(UnwritableTextException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> LineProtocol.escape(new StringBuilder(), "a\udc00"))
                .isInstanceOf(UnwritableTextException.class);
        assertThatThrownBy(() -> LineProtocol.escape(new StringBuilder(), ""))
                .isInstanceOf(UnwritableTextException.class);
        assertThat(LineProtocol.escape(new StringBuilder(), "pod-\ud83d\ude00").toString())
                .isEqualTo("pod-\ud83d\ude00");
    }

    @Test
    void integersEndInI() {
        assertThat(LineProtocol.appendInteger(new StringBuilder(), -42).toString()).isEqualTo("-42i");
    }

    private static void assertSameAsPoint(double value) {
        String expected = Point.measurement("m").addField("f", value).time(1L, TimeUnit.MILLISECONDS).build()
                .lineProtocol(TimeUnit.MILLISECONDS);
        String actual = LineProtocol.appendFloat(new StringBuilder("m f="), value).append(" 1").toString();
        assertThat(actual).as("bits %x", Double.doubleToRawLongBits(value)).isEqualTo(expected);
    }
}

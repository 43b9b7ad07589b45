package io.heapstream.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DoubleTextTest {
    private static final double TWO_TO_53 = 0x1p53;

    private interface Writer {
        void write(JsonGenerator g, double v) throws IOException;
    }

    /** Two of v in an array through the serializer's generator, so separators are checked too. */
    private static String written(double v, Writer writer) {
        var out = new ByteArrayOutputStream();
        try (var g = RollupJsonSerializer.FACTORY.createGenerator(out)) {
            g.writeStartArray();
            writer.write(g, v);
            writer.write(g, v);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertFastPathWritesJacksonsBytes(double v) {
        var jackson = written(v, JsonGenerator::writeNumber);
        assertThat(DoubleText.integral(v, new char[21])).as("fast path taken for %s", jackson).isPositive();
        assertThat(written(v, DoubleText::write)).as("text of %s", jackson).isEqualTo(jackson);
    }

    private static void assertFallbackWritesJacksonsBytes(double v) {
        var jackson = written(v, JsonGenerator::writeNumber);
        assertThat(DoubleText.integral(v, new char[21])).as("fast path refused for %s", jackson).isEqualTo(-1);
        assertThat(written(v, DoubleText::write)).isEqualTo(jackson);
    }

    @Test
    void smallWholeNumbersAreWrittenPlainWithOneFractionDigitAsJacksonWritesThem() {
        for (double v : new double[] {0.0, 1.0, -1.0, 7.0, 10.0, 100.0, 123.0, -4096.0, 999_999.0, 9_999_999.0,
                -9_999_999.0, 1_000_000.0}) {
            assertFastPathWritesJacksonsBytes(v);
        }
    }

    @Test
    void wholeNumbersFromTenMillionOnAreWrittenInScientificNotationAsJacksonWritesThem() {
        for (double v : new double[] {1e7, 1e7 + 1, -1e7, 12_345_678.0, 123_456_789_012.0,
                TWO_TO_53 - 1, -(TWO_TO_53 - 1), TWO_TO_53 - 2, 0x1p52, 0x1p52 + 1, 1.0e15 + 1, 3.2e10,
                9_000_000_000_000_000.0, 1_234_500_000_000.0}) {
            assertFastPathWritesJacksonsBytes(v);
        }
    }

    @Test
    void powersOfTenAndNumbersWithManyTrailingZerosAreWrittenAsJacksonWritesThem() {
        long power = 1;
        for (int e = 0; e <= 15; e++, power *= 10) {
            assertFastPathWritesJacksonsBytes(power);
            assertFastPathWritesJacksonsBytes(-power);
            for (long digits : new long[] {2, 9, 12, 99, 105, 7_001, 123_456}) {
                if (digits < TWO_TO_53 / power) {   // no overflow
                    assertFastPathWritesJacksonsBytes(digits * power);
                }
            }
        }
    }

    @Test
    void aMillionRandomWholeNumbersOfEveryLengthAreWrittenAsJacksonWritesThem() {
        var random = new Random(20261125L);
        for (int i = 0; i < 1_000_000; i++) {
            int digits = 1 + random.nextInt(16);
            long low = digits == 1 ? 0 : pow10(digits - 1);
            long high = Math.min(pow10(digits), (long) TWO_TO_53);
            long n = low + random.nextLong(high - low);
            if (random.nextBoolean()) {   // trailing zeros, which the exponent absorbs
                long unit = pow10(random.nextInt(digits));
                n = Math.max(n - n % unit, unit);
            }
            assertFastPathWritesJacksonsBytes(random.nextBoolean() ? n : -n);
        }
    }

    @Test
    void fractionsNegativeZeroNonFiniteAndHugeValuesGoToJackson() {
        for (double v : new double[] {0.5, -0.5, 1e-7, 3.0 / 7, 12.5, 1e7 + 0.5, 0x1p51 + 0.5, -0.0,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, TWO_TO_53, -TWO_TO_53,
                TWO_TO_53 + 2, 1e16, 4.5035996273704955e15, 1.2345678901234567e18, Double.MAX_VALUE, Double.MIN_VALUE, Math.nextUp(1.0)}) {
            assertFallbackWritesJacksonsBytes(v);
        }
    }

    private static long pow10(int e) {
        long p = 1;
        for (int i = 0; i < e; i++) {
            p *= 10;
        }
        return p;
    }
}

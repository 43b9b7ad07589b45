package io.heapstream.model.codec;

import io.heapstream.model.Json;
import io.heapstream.model.rollup.Rollup;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * CPU per rollup of reading a typical pod rollup (24 metrics, labels) with the model mapper's databind and with
 * {@link RollupJsonReader}, one thread, after a warm-up. Not a test: run with {@code RollupReaderBench [rounds=5]}
 * on the model's test classpath.
 */
public final class RollupReaderBench {
    private static final int RECORDS = 1_000;
    private static final int PASSES = 200;

    private RollupReaderBench() { }

    @FunctionalInterface
    private interface Reader {
        Rollup read(byte[] json) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        var records = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            records[i] = RollupJsonSerializer.values().serialize("t", RandomRollups.typical(i));
        }
        System.out.printf(Locale.ROOT, "typical rollup: %d bytes%n", records[0].length);
        Reader databind = json -> Json.mapper().readValue(json, Rollup.class);
        Reader streaming = RollupJsonReader::read;
        for (int round = 0; round < rounds; round++) {
            System.out.printf(Locale.ROOT, "round %d: databind %.2f us, streaming %.2f us per rollup%n", round,
                    microsPerRollup(databind, records), microsPerRollup(streaming, records));
        }
    }

    private static double microsPerRollup(Reader reader, byte[][] records) throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (int pass = 0; pass < PASSES; pass++) {
            for (byte[] json : records) {
                sink += reader.read(json).metrics().size();
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.println();   // keeps the reads from being optimised away
        }
        return cpu / 1e3 / ((double) PASSES * records.length);
    }
}

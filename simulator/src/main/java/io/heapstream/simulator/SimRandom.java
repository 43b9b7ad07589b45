package io.heapstream.simulator;

/**
 * SplitMix64, written out rather than taken from the JDK so that a seed gives the same fleet on every JDK
 * (the JDK's generators may change their algorithms, {@code nextGaussian} already did). One instance per node
 * (and per cluster catalogue), so a node evolves the same way whatever the other nodes do.
 */
final class SimRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final double IRWIN_HALL_4_SD = Math.sqrt(4.0 / 12.0);

    private long state;

    SimRandom(long seed) {
        this.state = seed;
    }

    /** A generator for one part of the fleet, independent of the generators of other parts. */
    static SimRandom of(long seed, String part) {
        return new SimRandom(mix(seed ^ mix(part.hashCode() * GOLDEN + part.length())));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [from, to). */
    double between(double from, double to) {
        return from + (to - from) * nextDouble();
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Approximately standard normal (sum of four uniforms): cheap, bounded by about +-3.5. */
    double gaussian() {
        double sum = nextDouble() + nextDouble() + nextDouble() + nextDouble();
        return (sum - 2.0) / IRWIN_HALL_4_SD;
    }

    <T> T pick(T[] choices) {
        return choices[nextInt(choices.length)];
    }
}

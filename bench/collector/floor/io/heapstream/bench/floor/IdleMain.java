package io.heapstream.bench.floor;

/**
 * The floor of a JVM: a main that only sleeps, run with the DaemonSet's JAVA_TOOL_OPTIONS (FloorBench). What it
 * burns is what the JVM's own threads (GC, JIT, VM thread, service threads) cost before any code of ours runs.
 */
public final class IdleMain {
    private IdleMain() { }

    public static void main(String[] args) throws InterruptedException {
        while (true) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}

package io.heapstream.model;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a role can reach its Kafka cluster now, and since when: one daemon thread runs a {@link Check} against
 * the cluster (the role's own admin client; the model holds no client) every few seconds with a short timeout. A role reports not ready ({@code /readyz}) while the check
 * fails — a frozen or stopped broker answers nothing — and keeps running: its clients reconnect by themselves,
 * and it catches up once the check passes again. The check can also read what the role needs to know about the
 * cluster (the aggregator's {@code BrokerFeed} reads the raw topic's offsets with it).
 */
public final class BrokerWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);
    /** How often the cluster is asked, and how long an answer may take. */
    public static final Duration EVERY = Duration.ofSeconds(2);

    /** One look at the cluster; throws when it does not answer in {@code timeout}. */
    public interface Check {
        void run(Duration timeout) throws Exception;
    }

    private final String role;
    private final Check check;
    private final Thread thread;
    private volatile long reachableSince = Long.MAX_VALUE;
    private volatile boolean closed;
    private boolean warned;

    public BrokerWatch(String role, Check check) {
        this.role = role;
        this.check = check;
        this.thread = new Thread(this::loop, role + "-broker-watch");
        this.thread.setDaemon(true);
    }

    public BrokerWatch start() {
        thread.start();
        return this;
    }

    /** The last check passed. */
    public boolean reachable() {
        return reachableSince != Long.MAX_VALUE;
    }

    /** Wall-clock time since which every check passed; {@link Long#MAX_VALUE} while the last one failed. */
    public long reachableSinceMillis() {
        return reachableSince;
    }

    private void loop() {
        while (!closed) {
            long began = System.currentTimeMillis();
            try {
                check.run(EVERY);
                if (reachableSince == Long.MAX_VALUE) {
                    reachableSince = began;
                    LOG.info("{}: Kafka answers again", role);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (reachableSince != Long.MAX_VALUE || !warned) {
                    warned = true;
                    LOG.warn("{}: Kafka does not answer ({}); not ready until it does", role, e.toString());
                }
                reachableSince = Long.MAX_VALUE;
            }
            try {
                Thread.sleep(Math.max(0, EVERY.toMillis() - (System.currentTimeMillis() - began)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the thread; the caller closes its client after. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

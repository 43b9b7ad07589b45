package io.heapstream.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every long-running role needs around its service: a Prometheus registry with JVM meters, the status
 * server, and an orderly stop on SIGTERM/Ctrl-C (stop actions run in reverse order of registration).
 */
public final class RoleRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoleRuntime.class);

    private final String role;
    private final PrometheusMeterRegistry registry;
    private final StatusServer status;
    private final Deque<Runnable> stopActions = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile BooleanSupplier ready = () -> false;
    private volatile BooleanSupplier live = () -> true;
    private boolean closed;

    private RoleRuntime(String role, PrometheusMeterRegistry registry, StatusServer status) {
        this.role = role;
        this.registry = registry;
        this.status = status;
    }

    /** Starts the status server for a role; the caller then starts its service and {@link #awaitStop()}s. */
    public static RoleRuntime start(String role, CommonOptions common) {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("role", role);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        var holder = new RoleRuntime[1];
        var status = StatusServer.start(common.httpAddress(), common.httpPort(), registry,
                () -> holder[0].live.getAsBoolean(), () -> holder[0].ready.getAsBoolean());
        var runtime = new RoleRuntime(role, registry, status);
        holder[0] = runtime;
        LOG.info("role={} status=http://{}:{}/ (healthz, readyz, metrics)", role, common.httpAddress(), status.port());
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, role + "-shutdown"));
        return runtime;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public int httpPort() {
        return status.port();
    }

    /** What {@code /readyz} answers. */
    public void readiness(BooleanSupplier check) {
        this.ready = check;
    }

    /** What {@code /healthz} answers; alive by default. */
    public void liveness(BooleanSupplier check) {
        this.live = check;
    }

    /** Runs on stop, before anything registered earlier (close clients in reverse order of opening). */
    public synchronized void onStop(Runnable action) {
        stopActions.push(action);
    }

    /** Blocks until the process is told to stop (SIGTERM, Ctrl-C) or {@link #close()} is called. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Runs the stop actions once, then the status server goes; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        LOG.info("role={} stopping", role);
        Runnable action;
        while ((action = pollStopAction()) != null) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("role={} stop action failed: {}", role, e.toString());
            }
        }
        status.close();
        registry.close();
        stopped.countDown();
        LOG.info("role={} stopped", role);
    }

    private synchronized Runnable pollStopAction() {
        return stopActions.poll();
    }
}

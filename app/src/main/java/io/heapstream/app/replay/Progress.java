package io.heapstream.app.replay;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a replay is: percent of the range by offsets read per partition, scrapes/s, points/s and the time
 * left. On a terminal a progress bar (me.tongfei:progressbar, on stderr); otherwise (a pod, CI, a pipe) a log
 * line every few seconds.
 */
final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final long total;
    private final LongSupplier offsetsRead;
    private final LongSupplier scrapes;
    private final LongSupplier points;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "replay-progress");
        t.setDaemon(true);
        return t;
    });
    private final ProgressBar bar;

    /**
     * @param total       records planned over every partition (the range by offsets)
     * @param offsetsRead records read so far
     * @param scrapes     what the rate counts: scrapes (raw) or rollups (rollups)
     */
    Progress(String task, String unit, long total, LongSupplier offsetsRead, LongSupplier scrapes,
             LongSupplier points, boolean terminal, Duration logEvery) {
        this.total = Math.max(total, 1);
        this.offsetsRead = offsetsRead;
        this.scrapes = scrapes;
        this.points = points;
        this.bar = terminal ? ProgressBar.builder().setTaskName(task).setInitialMax(this.total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setUnit(" rec", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
        long every = terminal ? 500 : logEvery.toMillis();
        ticker.scheduleAtFixedRate(() -> tick(unit), every, every, TimeUnit.MILLISECONDS);
    }

    private void tick(String unit) {
        double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-3);
        long read = offsetsRead.getAsLong();
        String rates = String.format(Locale.ROOT, "%.0f %s/s, %.0f points/s", scrapes.getAsLong() / seconds, unit,
                points.getAsLong() / seconds);
        if (bar != null) {
            bar.stepTo(Math.min(read, total));
            bar.setExtraMessage(rates);
            return;
        }
        double fraction = Math.min(1.0, read / (double) total);
        String eta = fraction <= 0 ? "unknown" : Duration.ofSeconds((long) (seconds / fraction - seconds)).toString();
        LOG.info(String.format(Locale.ROOT, "replay progress %.1f%% (%d of %d records), %s, eta %s",
                fraction * 100, read, total, rates, eta));
    }

    /** Seconds since the start. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (bar != null) {
            bar.stepTo(Math.min(offsetsRead.getAsLong(), total));
            bar.close();
        }
    }
}

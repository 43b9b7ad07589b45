package io.heapstream.app.replay;

import java.util.Locale;

/**
 * What a replay did, printed at the end.
 *
 * @param read        records read (scrapes for a raw replay, rollups for a rollups replay)
 * @param lateMerged  scrapes read from the late topic ({@code --include-late})
 * @param lateSkipped scrapes the replay itself found after their window closed (as the live run would have)
 * @param windows     complete base windows of the range written
 * @param rollups     rollups inside the range
 * @param points      points InfluxDB (or records the topics) acknowledged
 * @param rejected    points InfluxDB refused as invalid
 * @param deadLetters records that could not be read
 * @param interrupted whether a signal stopped the replay before the end
 */
public record ReplaySummary(long read, long lateMerged, long lateSkipped, long windows, long rollups, long points,
                            long rejected, long deadLetters, double elapsedSeconds, boolean interrupted) {
    public String line(String unit) {
        return String.format(Locale.ROOT, "%s: %d %s read, %d late merged, %d skipped as late, %d windows,"
                        + " %d rollups, %d points written, %d points refused, %d dead letters, %.1f s",
                interrupted ? "replay interrupted (rerun the same command to complete it)" : "replay done",
                read, unit, lateMerged, lateSkipped, windows, rollups, points, rejected, deadLetters, elapsedSeconds);
    }
}

package io.heapstream.writer.influx;

import java.util.regex.Pattern;

/**
 * A write InfluxDB did not acknowledge. {@link #status()} is the HTTP status, or 0 when there was no answer
 * (connection refused, timeout). Only {@link #invalidPoints()} failures are about the points themselves; every
 * other failure is about the server and worth retrying.
 */
public final class InfluxWriteException extends Exception {
    /** InfluxDB 1.x's answer when it wrote a request but for points older than the policy keeps. */
    private static final Pattern BEYOND_RETENTION = Pattern.compile(
            "\\{\"error\":\"partial write: points beyond retention policy dropped=(\\d+)\"}");
    private final int status;

    public InfluxWriteException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * 400 (unparsable line, field type conflict, points beyond retention: InfluxDB 1.x writes the other points of
     * the request and names the first bad one) and 413 (request too large): splitting the request helps, retrying
     * it as it is never does.
     */
    public boolean invalidPoints() {
        return status == 400 || status == 413;
    }

    /**
     * The request took too long: no answer within the client's timeout, or InfluxDB's own write timeout (500
     * "timeout"). Points may or may not have been written; a smaller request may well go through.
     */
    public boolean timedOut() {
        if (status == 0) {
            return getCause() != null && getCause().getCause() instanceof java.io.InterruptedIOException;
        }
        return status == 500 && String.valueOf(getMessage()).contains("timeout");
    }

    /**
     * How many points InfluxDB dropped as older than the retention policy, when that is all it says: the error
     * is about the request as a whole (it names no line), every other point of it was written, and splitting
     * the request would only find the same points again, one request per point. -1 for any other failure.
     */
    public int droppedBeyondRetention() {
        var matcher = BEYOND_RETENTION.matcher(String.valueOf(getMessage()));
        return status == 400 && matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** 404 "database not found": the database was dropped under us (or never created with --no-create). */
    public boolean databaseNotFound() {
        return status == 404 || String.valueOf(getMessage()).contains("database not found");
    }
}

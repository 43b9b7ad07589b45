package io.heapstream.app.replay;

/** A replay that could not finish (a broker or InfluxDB unreachable past the retry budget): exit 1, the reason. */
public final class ReplayFailure extends RuntimeException {
    public ReplayFailure(String message) {
        super(message);
    }
}

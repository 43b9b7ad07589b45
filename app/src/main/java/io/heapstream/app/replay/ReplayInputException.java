package io.heapstream.app.replay;

/**
 * Input a user can fix (a time, a range the topic no longer holds, a name InfluxDB refuses): the command prints
 * the message as one line and exits 2, before anything is written.
 */
public final class ReplayInputException extends RuntimeException {
    public ReplayInputException(String message) {
        super(message);
    }
}

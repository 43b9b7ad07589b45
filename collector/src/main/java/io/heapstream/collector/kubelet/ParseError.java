package io.heapstream.collector.kubelet;

/**
 * A Summary API or pod-list body that could not be read. {@link #reason()} is a short, stable label for the
 * error counter ({@code truncated}, {@code malformed}, {@code invalid}); the message says where, never echoes
 * the body.
 */
public final class ParseError extends Exception {
    /** The body ended in the middle of a JSON value. */
    public static final String TRUNCATED = "truncated";
    /** The body is not JSON. */
    public static final String MALFORMED = "malformed";
    /** Valid JSON of the wrong shape: a string where a counter belongs, no {@code node}, a bad timestamp. */
    public static final String INVALID = "invalid";

    private final String reason;

    public ParseError(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

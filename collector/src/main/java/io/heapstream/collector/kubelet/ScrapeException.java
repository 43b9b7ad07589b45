package io.heapstream.collector.kubelet;

/**
 * A request to the kubelet that gave no usable body. {@link #reason()} is a short, stable label for the
 * {@code heapstream_collector_scrape_errors_total{reason}} counter; the message never carries the token.
 */
public final class ScrapeException extends Exception {
    private final String reason;

    public ScrapeException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** {@code http_401}, {@code http_403}, {@code http_5xx}, {@code http_4xx}: the status class that operators act on. */
    static String httpReason(int status) {
        if (status == 401 || status == 403) {
            return "http_" + status;
        }
        return status >= 500 ? "http_5xx" : status >= 400 ? "http_4xx" : "http_" + status;
    }
}

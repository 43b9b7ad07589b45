package io.heapstream.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** A misbehaviour a {@link KubeletSimulator} node can be told to show, for collector failure tests. */
public sealed interface Fault permits Fault.Status, Fault.Delay, Fault.Truncate {

    /** Answers with this HTTP status (e.g. 500, 503) and a short text body instead of the JSON. */
    static Fault status(int code) {
        return new Status(code);
    }

    /** Waits this long before answering normally (a slow or hung kubelet; longer than the client's timeout). */
    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    /** Answers 200 but stops after half the body: well-formed HTTP, JSON that ends mid-document. */
    static Fault truncate() {
        return new Truncate();
    }

    record Status(int code) implements Fault {
        public Status {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("not an HTTP status: " + code);
            }
        }
    }

    record Delay(Duration delay) implements Fault {
        public Delay {
            requireNonNull(delay, "delay");
        }
    }

    record Truncate() implements Fault { }
}

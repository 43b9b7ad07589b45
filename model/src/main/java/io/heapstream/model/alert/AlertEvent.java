package io.heapstream.model.alert;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.heapstream.model.SortedMaps;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A change of an alert: the value of a record on the alerts topic, keyed by {@link #fingerprint()}. The alerter
 * writes one {@code firing} event when a rule's condition has held long enough for a series, and one
 * {@code resolved} event when it stops holding (or the series stops reporting); never one per window.
 * docs/schemas/alert-event.schema.json is its contract.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written by this version
 * @param fingerprint   stable id of the rule and series: the same for every firing and resolution of that pair
 * @param status        firing or resolved
 * @param labels        {@code alertname}, {@code severity}, the series' tags, the rule's labels (Alertmanager's labels)
 * @param annotations   the rule's annotation templates, filled in with the series' tags and the value
 * @param value         the condition's left-hand side in the window that caused the event ({@code NaN}: none,
 *                      e.g. an absence; left out of the JSON then)
 * @param startsAt      when the alert started firing (end of the window in which it fired)
 * @param endsAt        when it resolved; absent while firing
 * @param evaluatedAt   end of the window (or the clock reading) that caused this event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertEvent(int schemaVersion, String fingerprint, Status status, Map<String, String> labels,
                         Map<String, String> annotations, Double value, Instant startsAt, Instant endsAt,
                         Instant evaluatedAt) {
    public static final int SCHEMA_VERSION = 1;

    public AlertEvent {
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(status, "status");
        requireNonNull(startsAt, "startsAt");
        labels = SortedMaps.copyOf(labels);
        annotations = SortedMaps.copyOf(annotations);
        if (value != null && value.isNaN()) {
            value = null;
        }
    }

    /** The rule's name ({@code alertname} label). */
    public String alertname() {
        return labels.get("alertname");
    }

    /** Firing or resolved; lower-case on the wire, as Alertmanager spells it. */
    public enum Status {
        FIRING, RESOLVED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Status fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }
}

package io.heapstream.alerter.delivery;

import io.heapstream.model.alert.AlertEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bodies Alertmanager's receivers know, built from alert events: the API v2 list of postable alerts
 * ({@code POST /api/v2/alerts}) and the webhook notification, payload version 4. Pure: maps for Jackson.
 */
public final class Payloads {
    /** Go's zero time: what Alertmanager's webhook shows as the end of an alert still firing. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private Payloads() { }

    /**
     * Alertmanager API v2 alerts. A firing alert's {@code endsAt} is {@code firingEndsAt}: a little after the next
     * re-send, so that Alertmanager resolves it by itself if the alerter stops sending; a resolved one carries
     * its real end.
     */
    public static List<Map<String, Object>> alertmanager(List<AlertEvent> events, Instant firingEndsAt) {
        var out = new ArrayList<Map<String, Object>>();
        for (AlertEvent e : events) {
            var alert = new LinkedHashMap<String, Object>();
            alert.put("labels", e.labels());
            alert.put("annotations", e.annotations());
            alert.put("startsAt", e.startsAt().toString());
            alert.put("endsAt", (e.status() == AlertEvent.Status.RESOLVED ? e.endsAt() : firingEndsAt).toString());
            out.add(alert);
        }
        return out;
    }

    /** One webhook notification (version 4) for events of one alert name, as Alertmanager groups by alertname. */
    public static Map<String, Object> webhook(String receiver, List<AlertEvent> events) {
        var firing = events.stream().anyMatch(e -> e.status() == AlertEvent.Status.FIRING);
        var alertname = events.get(0).alertname();
        var body = new LinkedHashMap<String, Object>();
        body.put("version", "4");
        body.put("groupKey", "{}:{alertname=\"" + alertname + "\"}");
        body.put("truncatedAlerts", 0);
        body.put("status", firing ? "firing" : "resolved");
        body.put("receiver", receiver);
        body.put("groupLabels", Map.of("alertname", alertname));
        body.put("commonLabels", common(events.stream().map(AlertEvent::labels).toList()));
        body.put("commonAnnotations", common(events.stream().map(AlertEvent::annotations).toList()));
        body.put("externalURL", "");
        var alerts = new ArrayList<Map<String, Object>>();
        for (AlertEvent e : events) {
            var alert = new LinkedHashMap<String, Object>();
            alert.put("status", e.status().id());
            alert.put("labels", e.labels());
            alert.put("annotations", e.annotations());
            alert.put("startsAt", e.startsAt().toString());
            alert.put("endsAt", e.endsAt() == null ? ZERO_TIME : e.endsAt().toString());
            alert.put("generatorURL", "");
            alert.put("fingerprint", e.fingerprint());
            alerts.add(alert);
        }
        body.put("alerts", alerts);
        return body;
    }

    /** The entries every map has with the same value. */
    private static Map<String, String> common(List<Map<String, String>> maps) {
        return maps.get(0).entrySet().stream()
                .filter(e -> maps.stream().allMatch(m -> e.getValue().equals(m.get(e.getKey()))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        java.util.TreeMap::new));
    }
}

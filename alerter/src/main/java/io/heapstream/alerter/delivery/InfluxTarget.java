package io.heapstream.alerter.delivery;

import static java.util.Objects.requireNonNull;

/**
 * The InfluxDB that alert events are also written to (measurement {@code alerts}), with the writer's settings.
 *
 * @param url      InfluxDB 1.x base URL
 * @param database the database the writer writes (its default retention policy gets the points)
 * @param user     user, or null for no credentials
 * @param password password, or null
 */
public record InfluxTarget(String url, String database, String user, String password) {
    public InfluxTarget {
        requireNonNull(url, "url");
        requireNonNull(database, "database");
    }

    @Override
    public String toString() {
        return "InfluxTarget[url=" + url + ", database=" + database + ", user=" + user + ", password="
                + (password == null ? "none" : "****") + "]";
    }
}

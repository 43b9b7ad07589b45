package io.heapstream.collector.pool;

import java.net.URI;
import java.time.Duration;

/**
 * What {@code --mode pooled} adds to the collector's config.
 *
 * @param urlTemplate each node's Summary URL, with {@code {node}}, {@code {address}} and {@code {port}}
 * @param shardTopic  the empty topic whose partitions are the shards the replicas share as a consumer group
 * @param shards      partitions of a shard topic created by this replica (an existing one keeps its count)
 * @param workers     scrapes in flight at once
 */
public record PoolConfig(String urlTemplate, String shardTopic, int shards, int workers) {
    /** Kafka brokers refuse a group session shorter than this by default ({@code group.min.session.timeout.ms}). */
    static final Duration MIN_SESSION = Duration.ofSeconds(6);
    static final Duration MAX_SESSION = Duration.ofSeconds(45);

    /** The template for a kubelet reached directly (the Node's InternalIP and its kubelet port). */
    public static final String DIRECT_TEMPLATE = "https://{address}:{port}/stats/summary";

    /** The template through the API server's node proxy, for clusters where pods cannot reach port 10250. */
    public static String apiserverTemplate(String host, String port) {
        return "https://" + host + ":" + port + "/api/v1/nodes/{node}/proxy/stats/summary";
    }

    /** The Summary URL of one node; an IPv6 address gets its brackets. */
    public URI summaryUrl(String node, String address, int port) {
        String host = address != null && address.contains(":") ? "[" + address + "]" : address;
        return URI.create(urlTemplate.replace("{node}", node).replace("{address}", String.valueOf(host))
                .replace("{port}", Integer.toString(port)));
    }

    /**
     * How long a replica that stopped without leaving (killed, partitioned) keeps its shards: half an interval,
     * within what brokers accept, so its nodes are scraped by the others within two intervals. A replica that
     * stops cleanly leaves the group at once.
     */
    public static Duration sessionTimeout(Duration interval) {
        Duration half = interval.dividedBy(2);
        return half.compareTo(MIN_SESSION) < 0 ? MIN_SESSION : half.compareTo(MAX_SESSION) > 0 ? MAX_SESSION : half;
    }
}

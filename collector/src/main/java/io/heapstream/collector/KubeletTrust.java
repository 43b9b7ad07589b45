package io.heapstream.collector;

import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start, where an operator looks, how far the collector trusts the kubelet it talks to: skipped
 * certificate checks and a token sent in clear are a WARN line each and the gauge
 * {@code heapstream_collector_kubelet_insecure}, not just a word in the INFO config line.
 */
final class KubeletTrust {
    private static final Logger LOG = LoggerFactory.getLogger(KubeletTrust.class);

    private KubeletTrust() { }

    static void announce(CollectorConfig config, CollectorMetrics metrics) {
        boolean https = config.kubeletTarget().regionMatches(true, 0, "https:", 0, 6);
        boolean insecureTls = https && config.insecureSkipVerify();
        boolean clearToken = !https && config.allowPlaintextToken();
        metrics.kubeletInsecure(insecureTls || clearToken);
        if (insecureTls) {
            LOG.warn("INSECURE: kubelet certificates are not verified (--kubelet-insecure-skip-verify) url={}:"
                    + " anyone on the path can read the bearer token and forge the stats", config.kubeletTarget());
        } else if (https && !Files.exists(config.caFile())) {
            LOG.warn("no CA file at {} (--kubelet-ca-file): kubelet certificates are checked against the JDK's"
                    + " public CAs", config.caFile());
        }
        if (clearToken) {
            LOG.warn("INSECURE: the bearer token goes to the kubelet in clear (--kubelet-allow-plaintext-token) url={}",
                    config.kubeletTarget());
        }
    }
}

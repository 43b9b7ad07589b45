package io.heapstream.aggregator;

import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.raw.VolumeStats;
import java.util.Map;

/**
 * Kubernetes' naming rules (apimachinery's validation: DNS-1123 labels and subdomains, qualified names, label
 * values), applied to the names a raw scrape carries into every rollup key and InfluxDB tag. The API server never
 * hands out other names, so a record that has one was not written by a collector reading a real cluster: it goes
 * to the dead-letter topic with {@link #problem}'s sentence as the reason, instead of becoming series named by
 * whoever wrote it. Names Kubernetes does not define (cluster, image, accelerator, interface) must at least be
 * plain text: no control characters, backslashes or lone surrogates. Loops rather than regular expressions: every
 * scrape passes here.
 */
public final class KubernetesNames {
    private static final int LABEL_MAX = 63;
    private static final int SUBDOMAIN_MAX = 253;
    private static final int TEXT_MAX = 1024;

    private KubernetesNames() { }

    /** What is wrong with the scrape's names, in one sentence, or {@code null} when they all follow the rules. */
    public static String problem(RawScrape scrape) {
        String problem = check("cluster", null, null, scrape.cluster(), plainText(scrape.cluster()));
        problem = problem != null ? problem : check("node name", null, null, scrape.node(), subdomain(scrape.node()));
        if (problem == null && scrape.nodeStats() != null) {
            String nodeName = scrape.nodeStats().nodeName();
            problem = nodeName == null ? null : check("nodeStats.nodeName", null, null, nodeName, subdomain(nodeName));
            for (ContainerStats system : scrape.nodeStats().systemContainers()) {
                problem = problem != null ? problem : container("system container", null, system);
            }
        }
        for (PodStats pod : scrape.pods()) {
            problem = problem != null ? problem : pod(pod);
        }
        return problem;
    }

    private static String pod(PodStats pod) {
        if (pod.podRef() == null) {
            return null;        // the sample extractor refuses it with its own reason
        }
        String name = pod.podRef().name();
        String problem = check("pod name", null, null, name, subdomain(name));
        String namespace = pod.podRef().namespace();
        problem = problem != null ? problem : check("namespace", null, name, namespace, label(namespace));
        for (ContainerStats container : pod.containers()) {
            problem = problem != null ? problem : container("container", name, container);
        }
        for (VolumeStats volume : pod.volume()) {
            problem = problem != null ? problem : check("volume", null, name, volume.name(), label(volume.name()));
            String claim = volume.pvcName();
            problem = problem != null || claim == null ? problem
                    : check("pvcName", null, name, claim, subdomain(claim));
        }
        if (pod.network() != null && pod.network().interfaces() != null) {
            for (var nic : pod.network().interfaces()) {
                problem = problem != null ? problem : check("interface", null, name, nic.name(), plainText(nic.name()));
            }
        }
        return problem != null || pod.meta() == null ? problem : meta(pod.meta(), name);
    }

    private static String meta(PodMeta meta, String pod) {
        String problem = null;
        for (Map.Entry<String, String> label : meta.labels().entrySet()) {
            problem = problem != null ? problem : check("label key", null, pod, label.getKey(),
                    qualifiedName(label.getKey()));
            problem = problem != null ? problem : check("value of label", label.getKey(), pod, label.getValue(),
                    labelValue(label.getValue()));
        }
        String workload = meta.workloadName();
        problem = problem != null || workload == null ? problem : check("workload", null, pod, workload,
                subdomain(workload));
        String kind = meta.workloadKind();
        problem = problem != null || kind == null ? problem : check("workload kind", null, pod, kind, plainText(kind));
        for (var container : meta.containers().entrySet()) {
            problem = problem != null ? problem : check("container", null, pod, container.getKey(),
                    label(container.getKey()));
            String image = container.getValue() == null ? null : container.getValue().image();
            problem = problem != null || image == null ? problem : check("image", null, pod, image, plainText(image));
        }
        return problem;
    }

    /** A container's name and its accelerators' text; {@code pod} is null for a node's system container. */
    private static String container(String what, String pod, ContainerStats container) {
        String problem = check(what, null, pod, container.name(), label(container.name()));
        for (var accelerator : container.accelerators()) {
            problem = problem != null ? problem : accelerator(what, pod, container.name(), accelerator.id());
            problem = problem != null ? problem : accelerator(what, pod, container.name(), accelerator.make());
            problem = problem != null ? problem : accelerator(what, pod, container.name(), accelerator.model());
        }
        return problem;
    }

    private static String accelerator(String what, String pod, String container, String text) {
        return text == null ? null : check("accelerator of " + what, container, pod, text, plainText(text));
    }

    /**
     * {@code null} when {@code rule} (the sentence of the broken rule, or null) is; else the whole sentence, e.g.
     * "invalid Kubernetes name: value of label 'app' of pod 'web-1' 'web\' must be …". The sentence is only
     * built for a broken rule: every scrape of every node passes here.
     */
    private static String check(String what, String detail, String pod, String name, String rule) {
        if (rule == null) {
            return null;
        }
        return "invalid Kubernetes name: " + what + (detail == null ? "" : " " + quoted(detail))
                + (pod == null ? "" : " of pod " + quoted(pod)) + " " + quoted(name) + " " + rule;
    }

    /** A DNS-1123 label: namespaces, container and volume names. */
    static String label(String name) {
        if (name == null || name.isEmpty() || name.length() > LABEL_MAX) {
            return "must be 1 to " + LABEL_MAX + " characters (a DNS-1123 label)";
        }
        return dnsPart(name, 0, name.length()) ? null
                : "must be lower-case letters, digits and '-', starting and ending with a letter or digit"
                        + " (a DNS-1123 label)";
    }

    /** A DNS-1123 subdomain: pod, node and workload names. */
    static String subdomain(String name) {
        if (name == null || name.isEmpty() || name.length() > SUBDOMAIN_MAX) {
            return "must be 1 to " + SUBDOMAIN_MAX + " characters (a DNS-1123 subdomain)";
        }
        return dnsParts(name, 0, name.length()) ? null
                : "must be dot-separated parts of lower-case letters, digits and '-', each starting and ending"
                        + " with a letter or digit (a DNS-1123 subdomain)";
    }

    /** Whether {@code name[from, to)} is dot-separated DNS-1123 labels (no substring: every label key passes). */
    private static boolean dnsParts(String name, int from, int to) {
        int start = from;
        for (int dot = name.indexOf('.', start); ; dot = name.indexOf('.', start)) {
            int end = dot < 0 || dot >= to ? to : dot;
            if (!dnsPart(name, start, end)) {
                return false;
            }
            if (end == to) {
                return true;
            }
            start = end + 1;
        }
    }

    /** A label key: an optional DNS-1123 subdomain prefix and '/', then a name of up to 63 characters. */
    static String qualifiedName(String key) {
        int slash = key.indexOf('/');
        if (slash >= 0 && (slash == 0 || slash > SUBDOMAIN_MAX || !dnsParts(key, 0, slash))) {
            return "must have a DNS-1123 subdomain as its prefix before '/'";
        }
        int start = slash + 1;
        int length = key.length() - start;
        return length > 0 && length <= LABEL_MAX && labelChars(key, start, key.length()) ? null
                : "must be 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, after"
                        + " an optional prefix and '/' (a qualified name)";
    }

    /** A label value: empty, or up to 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric. */
    static String labelValue(String value) {
        return value == null || value.isEmpty() || value.length() <= LABEL_MAX && labelChars(value, 0, value.length())
                ? null
                : "must be empty or up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or"
                        + " digit (a label value)";
    }

    /** Text Kubernetes does not restrict further: printable, no backslash, whole UTF-16 pairs, not too long. */
    static String plainText(String text) {
        if (text == null || text.isEmpty() || text.length() > TEXT_MAX) {
            return "must be 1 to " + TEXT_MAX + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return "must not contain control characters or backslashes";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone surrogate";
            }
        }
        return null;
    }

    private static boolean dnsPart(String name, int start, int end) {
        if (end <= start || !lowerAlnum(name.charAt(start)) || !lowerAlnum(name.charAt(end - 1))) {
            return false;
        }
        for (int i = start + 1; i < end - 1; i++) {
            char c = name.charAt(i);
            if (!lowerAlnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean labelChars(String text, int start, int end) {
        if (!alnum(text.charAt(start)) || !alnum(text.charAt(end - 1))) {
            return false;
        }
        for (int i = start + 1; i < end - 1; i++) {
            char c = text.charAt(i);
            if (!alnum(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean alnum(char c) {
        return lowerAlnum(c) || c >= 'A' && c <= 'Z';
    }

    /** The name in single quotes, control characters shown as {@code \\uXXXX}: the reason stays one line. */
    private static String quoted(String name) {
        if (name == null) {
            return "null";
        }
        var out = new StringBuilder(name.length() + 2).append('\'');
        for (int i = 0; i < name.length() && i < 300; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(name.length() > 300 ? "...'" : "'").toString();
    }
}

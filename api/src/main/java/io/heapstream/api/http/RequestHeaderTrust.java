package io.heapstream.api.http;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.heapstream.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where front-proxy requests are verified from: the requestheader CA and the {@link FrontProxy} rules, either
 * from a file (with allowed names given) or, as every aggregated API server does, from the ConfigMap
 * {@code kube-system/extension-apiserver-authentication} that the API server publishes (JSON arrays of names
 * and headers beside the CA's PEM).
 */
public record RequestHeaderTrust(List<X509Certificate> authorities, FrontProxy frontProxy) {
    public static final String NAMESPACE = "kube-system";
    public static final String CONFIG_MAP = "extension-apiserver-authentication";

    /** From a PEM file and the allowed names ({@code empty}: any name), with the standard headers. */
    public static RequestHeaderTrust fromFile(Path caFile, List<String> allowedNames) {
        String pem;
        try {
            pem = Files.readString(caFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --requestheader-client-ca-file " + caFile + ": "
                    + e.getMessage(), e);
        }
        return new RequestHeaderTrust(Certificates.readCertificates(pem, caFile.toString()),
                new FrontProxy(Set.copyOf(allowedNames), FrontProxy.DEFAULT_USER_HEADERS,
                        FrontProxy.DEFAULT_GROUP_HEADERS, FrontProxy.DEFAULT_EXTRA_PREFIXES));
    }

    /** From the API server's ConfigMap; {@code allowedNames} overrides its list when not null. */
    public static RequestHeaderTrust fromConfigMap(KubernetesClient client, List<String> allowedNames) {
        io.fabric8.kubernetes.api.model.ConfigMap map;
        try {
            map = client.configMaps().inNamespace(NAMESPACE).withName(CONFIG_MAP).get();
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("cannot read ConfigMap " + NAMESPACE + "/" + CONFIG_MAP + " ("
                    + e.getMessage() + "); outside a cluster, give the front-proxy CA file instead", e);
        }
        var data = map == null || map.getData() == null ? Map.<String, String>of() : map.getData();
        var pem = data.get("requestheader-client-ca-file");
        if (pem == null || pem.isBlank()) {
            throw new IllegalStateException("ConfigMap " + NAMESPACE + "/" + CONFIG_MAP + " has no"
                    + " requestheader-client-ca-file: the API server runs without --requestheader-client-ca-file,"
                    + " so it cannot proxy to aggregated APIs; set --requestheader-client-ca-file here to override");
        }
        var names = allowedNames != null ? allowedNames : list(data, "requestheader-allowed-names", List.of());
        var frontProxy = new FrontProxy(Set.copyOf(names),
                list(data, "requestheader-username-headers", FrontProxy.DEFAULT_USER_HEADERS),
                list(data, "requestheader-group-headers", FrontProxy.DEFAULT_GROUP_HEADERS),
                list(data, "requestheader-extra-headers-prefix", FrontProxy.DEFAULT_EXTRA_PREFIXES));
        return new RequestHeaderTrust(Certificates.readCertificates(pem, "ConfigMap " + CONFIG_MAP), frontProxy);
    }

    private static List<String> list(Map<String, String> data, String key, List<String> otherwise) {
        var text = data.get(key);
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Arrays.asList(Json.mapper().readValue(text, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException("ConfigMap " + CONFIG_MAP + " key " + key + " is not a JSON list: " + text);
        }
    }
}

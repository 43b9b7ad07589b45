package io.heapstream.api.http;

import com.sun.net.httpserver.Headers;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Front-proxy ("requestheader") authentication, as Kubernetes' aggregation layer defines it: the API server
 * proxies a request with a client certificate signed by the requestheader CA (verified by {@link TlsContexts}) and names
 * the user it authenticated in headers. Only then are the headers believed; without the certificate, or with a
 * common name outside {@code allowedNames} (when that list is not empty), the request is anonymous and refused.
 *
 * @param allowedNames  the certificate common names accepted ({@code requestheader-allowed-names}); empty: any
 * @param userHeaders   headers naming the user, first non-empty wins ({@code X-Remote-User})
 * @param groupHeaders  headers naming groups, every value ({@code X-Remote-Group})
 * @param extraPrefixes prefixes of the user's extra attributes ({@code X-Remote-Extra-})
 */
public record FrontProxy(Set<String> allowedNames, List<String> userHeaders, List<String> groupHeaders,
                         List<String> extraPrefixes) {
    public static final List<String> DEFAULT_USER_HEADERS = List.of("X-Remote-User");
    public static final List<String> DEFAULT_GROUP_HEADERS = List.of("X-Remote-Group");
    public static final List<String> DEFAULT_EXTRA_PREFIXES = List.of("X-Remote-Extra-");

    public FrontProxy {
        allowedNames = Set.copyOf(allowedNames);
        userHeaders = List.copyOf(userHeaders);
        groupHeaders = List.copyOf(groupHeaders);
        extraPrefixes = List.copyOf(extraPrefixes);
    }

    /** A user the API server authenticated. */
    public record User(String name, List<String> groups, Map<String, List<String>> extra) { }

    /** The user named by a verified front-proxy request, or empty when the request is not one. */
    public Optional<User> authenticate(SSLSession session, Headers headers) {
        Certificate[] peer;
        try {
            peer = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
        if (peer.length == 0 || !(peer[0] instanceof X509Certificate leaf) || !allowed(leaf)) {
            return Optional.empty();
        }
        String user = null;
        for (String header : userHeaders) {
            var value = headers.getFirst(header);
            if (value != null && !value.isBlank()) {
                user = value;
                break;
            }
        }
        if (user == null) {
            return Optional.empty();
        }
        var groups = new ArrayList<String>();
        groupHeaders.forEach(h -> groups.addAll(headers.getOrDefault(h, List.of())));
        var extra = new HashMap<String, List<String>>();
        headers.forEach((name, values) -> extraPrefixes.forEach(prefix -> {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                extra.put(name.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT), List.copyOf(values));
            }
        }));
        return Optional.of(new User(user, List.copyOf(groups), Map.copyOf(extra)));
    }

    private boolean allowed(X509Certificate leaf) {
        if (allowedNames.isEmpty()) {
            return true;
        }
        try {
            for (var rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && allowedNames.contains(String.valueOf(rdn.getValue()))) {
                    return true;
                }
            }
        } catch (InvalidNameException e) {
            return false;
        }
        return false;
    }
}

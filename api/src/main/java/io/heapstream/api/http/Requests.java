package io.heapstream.api.http;

import io.heapstream.api.metrics.MetricsApi;
import java.util.Map;
import java.util.regex.Pattern;

/** What a request asks for, in authorization's terms, read from its path as the API server's RequestInfo does. */
final class Requests {
    private static final Pattern RESOURCE = Pattern.compile(
            "^" + Pattern.quote(MetricsApi.PREFIX) + "(?:/namespaces/([^/]+))?/(nodes|pods)(?:/([^/]+))?/?$");

    private Requests() { }

    static Authorizer.Request of(String path, Map<String, String> query) {
        var m = RESOURCE.matcher(path);
        if (!m.matches()) {
            return new Authorizer.Request("get", null, null, null, path);
        }
        var name = m.group(3);
        var verb = name != null ? "get" : "true".equals(query.get("watch")) ? "watch" : "list";
        return new Authorizer.Request(verb, m.group(2), m.group(1), name, path);
    }
}

package io.heapstream.api.http;

import io.heapstream.api.http.FrontProxy.User;

/**
 * Decides whether an authenticated user may make a request. Two implementations:
 * {@link SubjectAccessReviews} (delegated to the API server, as metrics-server does) and
 * {@link #FRONT_PROXY} (a static rule, see below).
 */
public interface Authorizer {

    /**
     * The static rule: every request that came through the front proxy is allowed. Safe because the API server
     * authorizes a request for {@code metrics.k8s.io} with its own RBAC before its aggregator proxies it, and only
     * the API server holds a client certificate of the requestheader CA; what this skips is a second check of
     * the same decision. Use it where the role may not create SubjectAccessReviews.
     */
    Authorizer FRONT_PROXY = (user, request) -> true;

    boolean allows(User user, Request request);

    /**
     * What is asked: a verb on a resource of {@code metrics.k8s.io} ({@code namespace} and {@code name} may be
     * null), or, with {@code resource == null}, a GET of a non-resource path such as {@code /apis}.
     */
    record Request(String verb, String resource, String namespace, String name, String path) {
        public boolean isResource() {
            return resource != null;
        }

        /** The API server's words for a refusal. */
        public String forbidden(String user) {
            if (!isResource()) {
                return "forbidden: User \"" + user + "\" cannot " + verb + " path \"" + path + "\"";
            }
            var scope = namespace == null ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
            var object = resource + ".metrics.k8s.io" + (name == null ? "" : " \"" + name + "\"");
            return object + " is forbidden: User \"" + user + "\" cannot " + verb + " resource \"" + resource
                    + "\" in API group \"metrics.k8s.io\" " + scope;
        }
    }
}

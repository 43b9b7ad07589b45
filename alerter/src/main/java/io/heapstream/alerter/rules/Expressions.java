package io.heapstream.alerter.rules;

import java.util.LinkedHashSet;
import java.util.Set;

final class Expressions {
    private Expressions() { }

    static Set<String> union(Set<String> a, Set<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        var u = new LinkedHashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
}

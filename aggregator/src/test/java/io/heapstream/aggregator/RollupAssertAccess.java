package io.heapstream.aggregator;

import io.heapstream.model.rollup.Rollup;
import java.util.List;

/** Lets tests in sub-packages compare with the reference. */
public final class RollupAssertAccess {
    private RollupAssertAccess() { }

    public static void assertSameRollups(List<Rollup> actual, List<Rollup> expected) {
        RollupAssert.assertSameRollups(actual, expected);
    }
}

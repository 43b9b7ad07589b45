package io.heapstream.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** A stream thread that failed on an absent broker is replaced; any other failure stops the instance. */
class ThreadFailureTest {
    @Test
    void aThreadThatTimedOutWaitingForTheBrokerIsReplaced() {
        var failure = new StreamsException("task timed out", new TimeoutException("Expiring 3 record(s)"));
        assertThat(AggregatorService.onThreadFailure(failure, false))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void aThreadWhoseTransactionCommitTimedOutWhileTheBrokerWasAwayIsReplaced() {
        var failure = new StreamsException(new IllegalStateException("Cannot attempt operation "
                + "`sendOffsetsToTransaction` because the previous call to `commitTransaction` timed out and must be "
                + "retried"));
        assertThat(AggregatorService.onThreadFailure(failure, true))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void anyOtherFailureShutsTheInstanceDown() {
        var failure = new StreamsException("bug", new IllegalStateException("store corrupt"));
        assertThat(AggregatorService.onThreadFailure(failure, false))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}

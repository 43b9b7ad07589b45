package io.heapstream.aggregator;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Kafka's log-and-continue handler (which also builds the KIP-1034 dead-letter record with the
 * {@code __streams.errors.*} headers when a dead-letter topic is set), plus a count of what it sends there.
 */
public final class CountingDeadLetterHandler extends LogAndContinueExceptionHandler {
    /** Config key under which the service passes its Micrometer counter. */
    public static final String COUNTER = "heapstream.dead-letter.counter";
    private Counter counter;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        if (configs.get(COUNTER) instanceof Counter c) {
            counter = c;
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (counter != null) {
            counter.increment();
        }
        return super.handleError(context, record, exception);
    }
}

package io.heapstream.aggregator;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record the broker can never take (larger than the producer's {@code max.request.size} or the
 * topic's {@code max.message.bytes}) is set aside instead of ending the stream thread: the restart would close
 * the same window again and fail again, a crash loop for all aggregation. Kafka's own handler builds the
 * dead-letter record (KIP-1034: the source record with {@code __streams.errors.*} headers naming the error);
 * this one only turns its "fail" into "resume" for that one error, counts it and says so at ERROR. Every other
 * error keeps Kafka's verdict (retry what is retriable, fail the rest).
 */
public final class OversizedRollupHandler extends DefaultProductionExceptionHandler {
    /** Config key under which the service passes its Micrometer counter. */
    public static final String COUNTER = "heapstream.oversized.counter";
    private static final Logger LOG = LoggerFactory.getLogger(OversizedRollupHandler.class);
    private Counter counter;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        counter = CountingDeadLetterHandler.counter(configs, COUNTER);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        var response = super.handleError(context, record, exception);
        if (!(exception instanceof RecordTooLargeException)) {
            return response;
        }
        if (counter != null) {
            counter.increment();
        }
        LOG.error("output record to {} dropped, too large for the broker ({} bytes of value): {}; its source"
                        + " record goes to the dead-letter topic: data is lost", record.topic(),
                record.value() == null ? 0 : record.value().length, exception.getMessage());
        return Response.resume(response.deadLetterQueueRecords());
    }
}

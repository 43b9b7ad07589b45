package io.heapstream.writer.delivery;

/** Points in the delivery path where fault tests step in (e.g. to kill the writer between write and commit). */
@FunctionalInterface
public interface WriterHooks {
    WriterHooks NONE = batch -> { };

    /** InfluxDB acknowledged the batch (and its dead letters are sent); its offsets are not yet committable. */
    void acknowledged(Batch batch);
}

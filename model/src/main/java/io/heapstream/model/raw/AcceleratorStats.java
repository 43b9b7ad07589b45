package io.heapstream.model.raw;

/** A GPU or other accelerator attached to a container (memory in bytes, duty cycle in percent). */
public record AcceleratorStats(String make, String model, String id, Long memoryTotal, Long memoryUsed,
                               Long dutyCycle) { }

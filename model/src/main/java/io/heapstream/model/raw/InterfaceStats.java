package io.heapstream.model.raw;

/** Counters of one network interface, in bytes and errors since the interface came up. */
public record InterfaceStats(String name, Long rxBytes, Long rxErrors, Long txBytes, Long txErrors) { }

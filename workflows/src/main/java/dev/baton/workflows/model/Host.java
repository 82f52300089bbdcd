package dev.baton.workflows.model;

import java.util.Map;

/**
 * A Docker engine Baton places instances on; {@code address}: the one other hosts and clients reach
 * it by, where what it publishes binds.
 */
public record Host(
    String name,
    String endpoint,
    String address,
    Map<String, String> labels,
    int cpus,
    long memoryBytes) {}

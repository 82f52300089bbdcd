package dev.baton.workflows.model;

import java.util.Map;

/** A Docker engine Baton places instances on. */
public record Host(
    String name, String endpoint, Map<String, String> labels, int cpus, long memoryBytes) {}

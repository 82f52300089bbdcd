package dev.baton.workflows.ports;

/** What a Docker engine says about itself: API version, CPUs and memory. */
public record HostFacts(String apiVersion, int cpus, long memoryBytes) {}

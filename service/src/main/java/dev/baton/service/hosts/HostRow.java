package dev.baton.service.hosts;

import dev.baton.activities.state.HostStatus;
import org.jspecify.annotations.Nullable;

/** A host as stored, its labels still JSON text (see {@link HostView}). */
public record HostRow(
    String name,
    String endpoint,
    String address,
    String labels,
    int cpus,
    long memoryBytes,
    HostStatus status,
    @Nullable String apiVersion,
    @Nullable String statusMessage) {}

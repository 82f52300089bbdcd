package dev.baton.service.hosts;

import org.jspecify.annotations.Nullable;

/** A container on a host, named by the app and service it belongs to. */
public record HostInstance(
    String app,
    String service,
    int revision,
    int slot,
    String containerName,
    @Nullable String containerId,
    @Nullable String state,
    @Nullable String health,
    @Nullable String address) {}

package dev.baton.service.apps;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One container of an app as Baton last saw it; {@code inService}: in its service's balancers
 * (passed its health gate, not yet withdrawn to stop).
 */
public record InstanceView(
    String service,
    int revision,
    int slot,
    String host,
    @Nullable String containerId,
    String containerName,
    @Nullable String state,
    @Nullable String health,
    @Nullable String address,
    @Nullable String operationId,
    boolean inService,
    Instant updatedAt) {}

package dev.baton.workflows.scale;

import dev.baton.workflows.model.Revision;

/**
 * Scale the app from {@code previous} to {@code target} (the same spec with other replica counts).
 * Instances keep their identity: they are named after {@code instanceRevision}.
 */
public record ScaleRequest(
    String operationId,
    String app,
    Revision target,
    Revision previous,
    int instanceRevision,
    String requestedBy) {}

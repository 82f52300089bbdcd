package dev.baton.workflows.deploy;

import dev.baton.workflows.model.Revision;

/**
 * Move the app from {@code previous} (null for its first deploy) to {@code target}; on failure the
 * app goes back to {@code previous}.
 */
public record DeployRequest(
    String operationId, String app, Revision target, Revision previous, String requestedBy) {}

package dev.baton.workflows.app;

import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.Revision;

/**
 * An operation submitted to an app. For a deploy, {@code revision} carries the new spec; its number
 * is assigned by the app workflow (0 here).
 */
public record OperationRequest(
    OperationKind kind, Revision revision, String requestedBy, String reason) {}

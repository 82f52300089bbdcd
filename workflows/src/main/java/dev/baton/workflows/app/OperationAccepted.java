package dev.baton.workflows.app;

import dev.baton.workflows.model.OperationStatus;

/** The answer to an accepted operation: its id, revision and the workflow that will run it. */
public record OperationAccepted(
    String operationId, String app, int revision, String workflowId, OperationStatus status) {}

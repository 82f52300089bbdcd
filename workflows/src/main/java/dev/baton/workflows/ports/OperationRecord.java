package dev.baton.workflows.ports;

import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;

/** An operation's row in the runtime state; written as an idempotent upsert keyed by id. */
public record OperationRecord(
    String id,
    String app,
    OperationKind kind,
    int revision,
    OperationStatus status,
    String workflowId,
    String runId,
    String requestedBy,
    String reason,
    String error) {}

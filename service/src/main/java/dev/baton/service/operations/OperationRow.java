package dev.baton.service.operations;

import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An operation as stored: what was asked, by whom, and how far it got. */
public record OperationRow(
    String id,
    String app,
    OperationKind kind,
    int revision,
    OperationStatus status,
    String workflowId,
    @Nullable String runId,
    @Nullable String requestedBy,
    @Nullable String reason,
    @Nullable String error,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt) {}

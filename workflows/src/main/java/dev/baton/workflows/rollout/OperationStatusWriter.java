package dev.baton.workflows.rollout;

import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.ports.OperationRecord;
import dev.baton.workflows.support.BatonSearchAttributes;
import dev.baton.workflows.support.EventLog;
import dev.baton.workflows.support.Ports;
import io.temporal.workflow.Workflow;

/**
 * Moves an operation's status everywhere it shows at once: the progress query, the BatonStatus
 * search attribute, the operations table and the event log.
 */
record OperationStatusWriter(
    Ports ports,
    EventLog events,
    ProgressTracker progress,
    OperationKind kind,
    String operationId,
    String app,
    int revision,
    String requestedBy) {

  void set(OperationStatus status, String phase, String error) {
    progress.status(status);
    progress.phase(phase);
    if (error != null) {
      progress.error(error);
    }
    BatonSearchAttributes.upsertStatus(status);
    ports
        .state()
        .saveOperation(
            new OperationRecord(
                operationId,
                app,
                kind,
                revision,
                status,
                Workflow.getInfo().getWorkflowId(),
                Workflow.getInfo().getRunId(),
                requestedBy,
                null,
                progress.error()));
    events.add("operation." + status.name().toLowerCase(), phase);
  }
}

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
final class OperationStatusWriter {
  private final Ports ports;
  private final EventLog events;
  private final ProgressTracker progress;
  private final OperationKind kind;
  private final String operationId;
  private final String app;
  private final int revision;
  private final String requestedBy;

  OperationStatusWriter(
      Ports ports,
      EventLog events,
      ProgressTracker progress,
      OperationKind kind,
      String operationId,
      String app,
      int revision,
      String requestedBy) {
    this.ports = ports;
    this.events = events;
    this.progress = progress;
    this.kind = kind;
    this.operationId = operationId;
    this.app = app;
    this.revision = revision;
    this.requestedBy = requestedBy;
  }

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

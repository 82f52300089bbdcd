package dev.baton.workflows.app;

import dev.baton.workflows.model.Revision;
import java.util.List;

/**
 * What an app's controller carries across continue-as-new: the last revision number handed out, the
 * revision the app runs, and operations still waiting. {@code instanceRevision} is the revision
 * number in the names of the running containers (a scale makes a new revision but keeps them);
 * {@code eventSeq} numbers app-level (self-healing) events; {@code reconcileMillis} is the
 * self-healing period (0: the default).
 */
public record AppState(
    String app,
    int lastRevision,
    Revision current,
    List<QueuedOperation> queue,
    int operationsPerRun,
    int instanceRevision,
    int eventSeq,
    long reconcileMillis) {

  /** Continue-as-new after this many operations even if Temporal has not suggested it yet. */
  public static final int DEFAULT_OPERATIONS_PER_RUN = 100;

  public static final long DEFAULT_RECONCILE_MILLIS = 10_000;

  public AppState(
      String app,
      int lastRevision,
      Revision current,
      List<QueuedOperation> queue,
      int operationsPerRun) {
    this(app, lastRevision, current, queue, operationsPerRun, 0, 0, 0);
  }

  public static AppState empty(String app) {
    return new AppState(app, 0, null, List.of(), DEFAULT_OPERATIONS_PER_RUN);
  }

  /** An accepted operation waiting for its turn; {@code workflowId} is its child's id. */
  public record QueuedOperation(String operationId, OperationRequest request, String workflowId) {}
}

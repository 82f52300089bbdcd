package dev.baton.workflows.app;

import dev.baton.workflows.model.Revision;
import java.util.List;

/**
 * What an app's controller carries across continue-as-new: the last revision number handed out, the
 * revision the app runs, and operations still waiting.
 */
public record AppState(
    String app,
    int lastRevision,
    Revision current,
    List<QueuedOperation> queue,
    int operationsPerRun) {

  /** Continue-as-new after this many operations even if Temporal has not suggested it yet. */
  public static final int DEFAULT_OPERATIONS_PER_RUN = 100;

  public static AppState empty(String app) {
    return new AppState(app, 0, null, List.of(), DEFAULT_OPERATIONS_PER_RUN);
  }

  /** An accepted operation waiting for its turn. */
  public record QueuedOperation(String operationId, OperationRequest request) {}
}

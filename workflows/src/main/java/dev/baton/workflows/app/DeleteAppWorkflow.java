package dev.baton.workflows.app;

import dev.baton.workflows.rollout.RolloutResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Stops and removes every container of an app ({@code delete:<app>:<n>}). */
@WorkflowInterface
public interface DeleteAppWorkflow {

  /**
   * {@code revision}: the app's latest revision, recorded on the operation; {@code volumes}: its
   * named volumes go too.
   */
  @WorkflowMethod
  RolloutResult delete(
      String operationId, String app, int revision, String requestedBy, boolean volumes);
}

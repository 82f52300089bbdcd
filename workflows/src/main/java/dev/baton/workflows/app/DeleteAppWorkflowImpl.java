package dev.baton.workflows.app;

import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.rollout.Rollout;
import dev.baton.workflows.rollout.RolloutResult;

/** Removes all of an app's containers (and its volumes if asked), then its revision mark. */
public class DeleteAppWorkflowImpl extends Rollout implements DeleteAppWorkflow {

  @Override
  public RolloutResult delete(
      String operationId, String app, int revision, String requestedBy, boolean volumes) {
    begin(
        OperationKind.DELETE,
        operationId,
        app,
        revision,
        null,
        requestedBy,
        "deleting every instance of " + app);
    return removeApp(volumes);
  }
}

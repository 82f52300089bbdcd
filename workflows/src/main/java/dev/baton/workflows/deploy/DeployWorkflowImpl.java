package dev.baton.workflows.deploy;

import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.rollout.Rollout;
import dev.baton.workflows.rollout.RolloutResult;

/**
 * Rolls the app's services to the target revision in dependency order; a failure past a service's
 * failure ratio with failure_action rollback (or an abort) sends every service that already moved
 * back to the previous revision, in reverse order, through the same gates.
 */
public class DeployWorkflowImpl extends Rollout implements DeployWorkflow {

  @Override
  public RolloutResult deploy(DeployRequest request) {
    int number = request.target().number();
    begin(
        OperationKind.DEPLOY,
        request.operationId(),
        request.app(),
        request.target(),
        request.requestedBy(),
        "rolling to r" + number);
    return moveApp(request.target(), request.previous());
  }
}

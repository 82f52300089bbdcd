package dev.baton.workflows.rollback;

import dev.baton.workflows.deploy.DeployRequest;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.rollout.Rollout;
import dev.baton.workflows.rollout.RolloutResult;

/** A rollout to a copy of an old revision, each service moved with its rollback_config. */
public class RollbackWorkflowImpl extends Rollout implements RollbackWorkflow {

  @Override
  public RolloutResult rollback(DeployRequest request) {
    Revision t = request.target();
    Revision target = new Revision(t.number(), t.spec().rollingBackWith(), t.digest(), t.yaml());
    begin(
        OperationKind.ROLLBACK,
        request.operationId(),
        request.app(),
        target,
        request.requestedBy(),
        "rolling to r" + t.number());
    return moveApp(target, request.previous());
  }
}

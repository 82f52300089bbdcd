package dev.baton.workflows.rollback;

import dev.baton.workflows.deploy.DeployProgress;
import dev.baton.workflows.deploy.DeployRequest;
import dev.baton.workflows.deploy.DeployResult;
import dev.baton.workflows.deploy.DeployWorkflowImpl;
import dev.baton.workflows.model.Revision;

/** A rollout to a copy of an old revision, moved with each service's rollback_config. */
public class RollbackWorkflowImpl implements RollbackWorkflow {
  // The rollout logic is the deploy's: same batches, gates, failure actions and signals.
  private final DeployWorkflowImpl rollout = new DeployWorkflowImpl();

  @Override
  public DeployResult rollback(DeployRequest request) {
    Revision t = request.target();
    Revision moved = new Revision(t.number(), t.spec().rollingBackWith(), t.digest(), t.yaml());
    return rollout.deploy(
        new DeployRequest(
            request.operationId(),
            request.app(),
            moved,
            request.previous(),
            request.requestedBy()));
  }

  @Override
  public void pause() {
    rollout.pause();
  }

  @Override
  public void resume() {
    rollout.resume();
  }

  @Override
  public void abort(String reason) {
    rollout.abort(reason);
  }

  @Override
  public DeployProgress progress() {
    return rollout.progress();
  }
}

package dev.baton.workflows.rollback;

import dev.baton.workflows.deploy.DeployRequest;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.rollout.SteerableRollout;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Returns the app to an earlier revision's spec ({@code rollback:<app>:r<rev>}, rev: the new
 * revision that copies it), through the same gates as a deploy, with each service's
 * rollback_config. Signals and query are a deploy's, so the API steers both alike.
 */
@WorkflowInterface
public interface RollbackWorkflow extends SteerableRollout {

  @WorkflowMethod
  RolloutResult rollback(DeployRequest request);
}

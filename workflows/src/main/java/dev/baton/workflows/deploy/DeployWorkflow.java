package dev.baton.workflows.deploy;

import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.rollout.SteerableRollout;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Rolls every service of an app to one revision ({@code deploy:<app>:r<rev>}), or back to an
 * earlier one ({@code rollback:<app>:r<rev>}): a sliding window of slots, health gates, failure
 * actions.
 */
@WorkflowInterface
public interface DeployWorkflow extends SteerableRollout {

  @WorkflowMethod
  RolloutResult deploy(DeployRequest request);
}

package dev.baton.workflows.scale;

import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.rollout.SteerableRollout;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Changes replica counts ({@code scale:<app>:<rev>}, rev: the revision the scale records): new
 * instances are placed and health-gated like a rollout; a scale-down removes the highest slots.
 */
@WorkflowInterface
public interface ScaleWorkflow extends SteerableRollout {

  @WorkflowMethod
  RolloutResult scale(ScaleRequest request);
}

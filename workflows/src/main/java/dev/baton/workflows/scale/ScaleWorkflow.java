package dev.baton.workflows.scale;

import dev.baton.workflows.deploy.DeployProgress;
import dev.baton.workflows.deploy.DeployResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Changes replica counts ({@code scale:<app>:<rev>}, rev: the revision the scale records): new
 * instances are placed and health-gated like a rollout; a scale-down removes the highest slots.
 */
@WorkflowInterface
public interface ScaleWorkflow {

  static String workflowId(String app, int revision) {
    return "scale:" + app + ":" + revision;
  }

  @WorkflowMethod
  DeployResult scale(ScaleRequest request);

  /** A deploy's signals, for a scale whose failure_action is pause. */
  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  @SignalMethod
  void abort(String reason);

  @QueryMethod
  DeployProgress progress();
}

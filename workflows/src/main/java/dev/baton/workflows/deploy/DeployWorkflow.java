package dev.baton.workflows.deploy;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Rolls every service of an app to one revision ({@code deploy:<app>:r<rev>}), or back to an
 * earlier one ({@code rollback:<app>:r<rev>}): batches, health gates, failure actions.
 */
@WorkflowInterface
public interface DeployWorkflow {

  static String workflowId(String app, int revision) {
    return "deploy:" + app + ":r" + revision;
  }

  @WorkflowMethod
  DeployResult deploy(DeployRequest request);

  /** Holds the rollout before its next batch; the batch in flight finishes. */
  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  /** Stops the rollout and rolls back whatever already moved. */
  @SignalMethod
  void abort(String reason);

  @QueryMethod
  DeployProgress progress();
}

package dev.baton.workflows.move;

import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.rollout.SteerableRollout;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * {@code move-volumes:<app>:<host>:<n>}: the app's named volumes on a draining host move to another
 * host with their instances, run by the app's controller like any operation.
 */
@WorkflowInterface
public interface MoveVolumesWorkflow extends SteerableRollout {

  @WorkflowMethod
  RolloutResult move(MoveVolumesRequest request);
}

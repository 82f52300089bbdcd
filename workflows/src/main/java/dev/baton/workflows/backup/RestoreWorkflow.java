package dev.baton.workflows.backup;

import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.rollout.SteerableRollout;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Replaces a named volume's contents with a backup's ({@code restore:<app>:<n>}): verify the
 * backup's SHA-256 (a mismatch changes nothing), remove the instances that mount the volume and the
 * volume, make both again, copy the backup in, start through the health gate. Answers the progress
 * query; pause and abort are ignored.
 */
@WorkflowInterface
public interface RestoreWorkflow extends SteerableRollout {

  @WorkflowMethod
  RolloutResult restore(BackupRequest request);
}

package dev.baton.workflows.backup;

import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.rollout.SteerableRollout;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Backs up one named volume ({@code backup:<app>:<id>}): quiesce its writer (stop it, or run the
 * service's backup command in it), stream a tar of the volume into the backup store, start it again
 * through its health gate. Answers the progress query; pause and abort are ignored.
 */
@WorkflowInterface
public interface BackupWorkflow extends SteerableRollout {

  @WorkflowMethod
  RolloutResult backup(BackupRequest request);
}

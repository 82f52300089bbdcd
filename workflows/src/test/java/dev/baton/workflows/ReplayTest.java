package dev.baton.workflows;

import dev.baton.workflows.app.AppWorkflowImpl;
import dev.baton.workflows.app.DeleteAppWorkflowImpl;
import dev.baton.workflows.backup.BackupWorkflowImpl;
import dev.baton.workflows.backup.RestoreWorkflowImpl;
import dev.baton.workflows.deploy.DeployWorkflowImpl;
import dev.baton.workflows.rollback.RollbackWorkflowImpl;
import dev.baton.workflows.scale.ScaleWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays histories recorded from real runs of the current code on the real stack (the test stack
 * while {@code scripts/test} ran its integration tests) against the current code, one per path
 * through it. A change that would break a running workflow (non-determinism) fails here, in the
 * build. How to re-record, and when: docs/versioning.md.
 */
class ReplayTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "deploy-window.json, a start-first rollout through the sliding window",
    "deploy-host-lost.json, a rollout whose host is lost mid-way (slots placed elsewhere)",
    "rollback.json, a rollback to an earlier revision",
    "scale.json, a scale",
    "app-self-healing.json, an app controller: operations and self-healing repairs",
    "app-continue-as-new.json, an app controller that continued as new after its operations",
  })
  void replays(String file, String what) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + file,
        AppWorkflowImpl.class,
        DeployWorkflowImpl.class,
        ScaleWorkflowImpl.class,
        RollbackWorkflowImpl.class,
        DeleteAppWorkflowImpl.class,
        BackupWorkflowImpl.class,
        RestoreWorkflowImpl.class);
  }
}

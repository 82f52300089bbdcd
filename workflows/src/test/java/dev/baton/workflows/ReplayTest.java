package dev.baton.workflows;

import dev.baton.workflows.app.AppWorkflowImpl;
import dev.baton.workflows.deploy.DeployWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Replays histories recorded from real rollouts on the real stack (a start-first v1 → v2 and a
 * never-healthy image rolled back, both from before the sliding window, i.e. in batches; a
 * start-first 12-replica window rollout from P1 of the benchmarks; and the app controller) against
 * the current code. A change that would break a running workflow (non-determinism) fails here, in
 * the build. Re-record with {@code temporal workflow show -w <id> -o json} after an intended,
 * versioned change.
 */
class ReplayTest {

  @Test
  void startFirstRolloutReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/deploy-replay-r2.json", DeployWorkflowImpl.class);
  }

  @Test
  void rolledBackRolloutReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/deploy-replay-r3.json", DeployWorkflowImpl.class);
  }

  @Test
  void windowRolloutReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/deploy-window-r2.json", DeployWorkflowImpl.class);
  }

  @Test
  void appControllerReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/app-replay.json", AppWorkflowImpl.class);
  }
}

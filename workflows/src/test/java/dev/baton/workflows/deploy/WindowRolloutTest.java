package dev.baton.workflows.deploy;

import static dev.baton.workflows.deploy.DeployRolloutTest.indexOf;
import static dev.baton.workflows.deploy.DeployRolloutTest.sleepQuietly;
import static dev.baton.workflows.model.OperationStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.UpdatePolicy.Order;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.testing.FakeEngine.Call;
import dev.baton.workflows.testing.Specs;
import dev.baton.workflows.testing.WorkflowTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parallelism is a sliding window: a slot starts as soon as any slot in flight is done. */
class WindowRolloutTest extends WorkflowTestBase {

  private Revision web(int number, String image, int replicas) {
    return Specs.revision(
        number,
        Specs.app(
            "app",
            Specs.service("web", image)
                .replicas(replicas)
                .parallelism(3)
                .order(Order.START_FIRST)
                .monitorMillis(0)));
  }

  /** Slots of the revision that were created but had no health result yet, at their worst. */
  private static int maxInFlight(List<Call> calls, int revision) {
    String marker = "-r" + revision + "-";
    int inFlight = 0;
    int max = 0;
    for (Call c : calls) {
      if (c.container() == null || !c.container().contains(marker)) {
        continue;
      }
      if (c.op().equals("create")) {
        max = Math.max(max, ++inFlight);
      } else if (c.op().equals("awaitHealthy")) {
        inFlight--;
      }
    }
    return max;
  }

  @Test
  void neverMoreThanParallelismSlotsInFlight() {
    Revision r1 = web(1, "web:v1", 12);
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);
    engine.resetWatermarks();
    // Uneven health times, so slots finish out of order and the window keeps refilling.
    engine.beforeHealthResult(
        i -> {
          if (i.revision() == 2) {
            sleepQuietly(i.slot() % 4 == 0 ? 400 : i.slot() % 3 == 0 ? 150 : 0);
          }
        });

    RolloutResult result = deploy(web(2, "web:v2", 12), r1);

    assertThat(result.status()).isEqualTo(SUCCEEDED);
    assertThat(maxInFlight(engine.calls(), 2)).isEqualTo(3);
    assertThat(engine.calls("create")).hasSize(12);
    assertThat(engine.minHealthy("web")).isGreaterThanOrEqualTo(12);
    assertThat(engine.maxHealthy("web")).isLessThanOrEqualTo(15);
    assertThat(engine.runningNames("web")).hasSize(12).allMatch(n -> n.contains("-r2-"));
    assertReplays("deploy:app:r2", DeployWorkflowImpl.class);
  }

  @Test
  void aSlowSlotDoesNotHoldUpTheOthers() {
    Revision r1 = web(1, "web:v1", 6);
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);
    engine.resetWatermarks();
    engine.beforeHealthResult(
        i -> {
          if (i.revision() == 2 && i.slot() == 1) {
            sleepQuietly(2_000);
          }
        });

    RolloutResult result = deploy(web(2, "web:v2", 6), r1);

    assertThat(result.status()).isEqualTo(SUCCEEDED);
    List<Call> calls = engine.calls();
    int slowHealthy = indexOf(calls, "awaitHealthy", "app-web-r2-1");
    for (int slot = 4; slot <= 6; slot++) {
      assertThat(indexOf(calls, "create", "app-web-r2-" + slot))
          .as("slot %d starts while slot 1 is still starting", slot)
          .isLessThan(slowHealthy);
    }
    assertThat(indexOf(calls, "stop", "app-web-r1-2"))
        .as("a finished slot's old instance goes without waiting for the slow one")
        .isLessThan(slowHealthy);
    assertThat(indexOf(calls, "stop", "app-web-r1-1")).isGreaterThan(slowHealthy);
    assertThat(engine.runningNames("web")).hasSize(6).allMatch(n -> n.contains("-r2-"));
    assertReplays("deploy:app:r2", DeployWorkflowImpl.class);
  }
}

package dev.baton.workflows.deploy;

import static dev.baton.workflows.model.OperationStatus.RUNNING;
import static dev.baton.workflows.model.OperationStatus.SUCCEEDED;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.UpdatePolicy.Order;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.testing.FakeEngine.Call;
import dev.baton.workflows.testing.FakeEngine.Container;
import dev.baton.workflows.testing.Specs;
import dev.baton.workflows.testing.WorkflowTestBase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rollouts that go well: placement, slot ordering, capacity and pacing. */
class DeployRolloutTest extends WorkflowTestBase {

  private static Revision web(int number, Specs.ServiceBuilder service) {
    return Specs.revision(number, Specs.app("app", service));
  }

  @Test
  void firstDeployCreatesNamedLabelledInstancesSpreadOverHosts() {
    Revision r1 = web(1, Specs.service("web", "web:v1").replicas(4));

    RolloutResult result = deploy(r1, null);

    assertThat(result.status()).isEqualTo(SUCCEEDED);
    assertThat(result.runningRevision()).isEqualTo(1);
    assertThat(engine.runningNames("web"))
        .containsExactly("app-web-r1-1", "app-web-r1-2", "app-web-r1-3", "app-web-r1-4");
    assertSpread(engine.running("web"));
    for (Container c : engine.running("web")) {
      assertThat(c.health).isEqualTo("healthy");
      assertThat(c.labels)
          .containsEntry("baton.app", "app")
          .containsEntry("baton.service", "web")
          .containsEntry("baton.revision", "1")
          .containsEntry("baton.slot", Integer.toString(c.slot))
          .containsEntry("baton.operation", "op-r1")
          .containsEntry("tier", "web");
      assertThat(c.name).endsWith("-" + c.slot);
    }
    assertThat(state.statusHistory("op-r1")).containsExactly(RUNNING, SUCCEEDED);
    assertThat(state.operation("op-r1").workflowId()).isEqualTo("deploy:app:r1");
    assertThat(state.operation("op-r1").error()).isNull();
    List<Integer> seqs = state.eventSeqs("op-r1");
    assertThat(seqs).isNotEmpty();
    assertThat(seqs).isEqualTo(IntStream.rangeClosed(1, seqs.size()).boxed().toList());
    assertThat(state.events("op-r1"))
        .extracting(e -> e.type())
        .contains("operation.running", "service.started", "instance.healthy", "service.done")
        .endsWith("operation.succeeded");
    assertThat(state.instances()).hasSize(4).allMatch(i -> i.revision() == 1);
    assertThat(state.currentRevision("app")).isEqualTo(1);
  }

  @Test
  void wholeServiceInOneBatchIsStillSpreadOverHosts() {
    Revision r1 = web(1, Specs.service("web", "web:v1").replicas(4).parallelism(4));

    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);

    assertThat(engine.running("web")).hasSize(4);
    assertSpread(engine.running("web"));
  }

  @Test
  void startFirstStopsEachOldInstanceOnceItsOwnReplacementIsHealthy() {
    Specs.ServiceBuilder v1 =
        Specs.service("web", "web:v1").replicas(4).parallelism(2).order(Order.START_FIRST);
    Specs.ServiceBuilder v2 =
        Specs.service("web", "web:v2").replicas(4).parallelism(2).order(Order.START_FIRST);
    Revision r1 = web(1, v1);
    Revision r2 = web(2, v2);
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);
    engine.resetWatermarks();
    // Even slots are slower to become healthy than odd ones.
    engine.beforeHealthResult(
        i -> {
          if (i.revision() == 2 && i.slot() % 2 == 0) {
            sleepQuietly(300);
          }
        });

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(SUCCEEDED);
    List<Call> calls = engine.calls();
    for (int slot = 1; slot <= 4; slot++) {
      int stop = indexOf(calls, "stop", "app-web-r1-" + slot);
      assertThat(indexOf(calls, "create", "app-web-r2-" + slot)).isLessThan(stop);
      assertThat(indexOf(calls, "awaitHealthy", "app-web-r2-" + slot))
          .as("r2-%d healthy before r1-%d stops", slot, slot)
          .isLessThan(stop);
    }
    assertThat(engine.minHealthy("web")).isGreaterThanOrEqualTo(4);
    assertThat(engine.maxHealthy("web")).isLessThanOrEqualTo(6);
    assertThat(engine.runningNames("web"))
        .containsExactly("app-web-r2-1", "app-web-r2-2", "app-web-r2-3", "app-web-r2-4");
    assertThat(engine.containers()).noneMatch(c -> c.revision == 1);
    assertThat(state.instances()).hasSize(4).allMatch(i -> i.revision() == 2);
    assertReplays("deploy:app:r2", DeployWorkflowImpl.class);
  }

  @Test
  void stopFirstStopsEachOldInstanceBeforeCreatingItsReplacement() {
    Revision r1 = web(1, Specs.service("web", "web:v1").replicas(4));
    Revision r2 = web(2, Specs.service("web", "web:v2").replicas(4));
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);
    engine.resetWatermarks();

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(SUCCEEDED);
    List<Call> calls = engine.calls();
    for (int slot = 1; slot <= 4; slot++) {
      assertThat(indexOf(calls, "stop", "app-web-r1-" + slot))
          .isLessThan(indexOf(calls, "create", "app-web-r2-" + slot));
    }
    for (int slot = 1; slot < 4; slot++) {
      assertThat(indexOf(calls, "awaitHealthy", "app-web-r2-" + slot))
          .as("parallelism 1: slot %d is healthy before slot %d is touched", slot, slot + 1)
          .isLessThan(indexOf(calls, "stop", "app-web-r1-" + (slot + 1)));
    }
    assertThat(engine.maxHealthy("web")).isLessThanOrEqualTo(4);
    assertThat(engine.minHealthy("web")).isEqualTo(3);
    assertThat(engine.runningNames("web"))
        .containsExactly("app-web-r2-1", "app-web-r2-2", "app-web-r2-3", "app-web-r2-4");
    assertThat(state.currentRevision("app")).isEqualTo(2);
  }

  @Test
  void delayIsWaitedBetweenSlots() {
    Revision r1 = web(1, Specs.service("web", "web:v1").replicas(3));
    Revision r2 =
        web(2, Specs.service("web", "web:v2").replicas(3).delayMillis(30_000).monitorMillis(0));
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);

    long before = testEnv.currentTimeMillis();
    RolloutResult result = deploy(r2, r1);
    long elapsed = testEnv.currentTimeMillis() - before;

    assertThat(result.status()).isEqualTo(SUCCEEDED);
    assertThat(elapsed).isGreaterThanOrEqualTo(60_000);
    // The test clock may run on past the end of the workflow; its own duration is exact.
    assertThat(workflowDuration("deploy:app:r2")).isBetween(ofSeconds(60), ofSeconds(90));
    assertThat(engine.runningNames("web")).hasSize(3).allMatch(n -> n.contains("-r2-"));
  }

  static void assertSpread(List<Container> containers) {
    Map<String, Long> perHost =
        containers.stream().collect(Collectors.groupingBy(c -> c.host, Collectors.counting()));
    assertThat(perHost).containsOnly(Map.entry("host-a", 2L), Map.entry("host-b", 2L));
  }

  static int indexOf(List<Call> calls, String op, String container) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).op().equals(op) && container.equals(calls.get(i).container())) {
        return i;
      }
    }
    throw new AssertionError("no " + op + " of " + container + " in " + calls);
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.baton.workflows.heal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.RestartPolicy;
import dev.baton.workflows.ports.CreateRequest;
import dev.baton.workflows.testing.AppTestBase;
import dev.baton.workflows.testing.FakeEngine.Call;
import dev.baton.workflows.testing.Specs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app controller's reconcile between operations: repairs, orphans, crash loops, drain. */
class SelfHealingTest extends AppTestBase {

  private static Specs.ServiceBuilder web(int replicas) {
    return Specs.service("web", "web:v1").replicas(replicas).parallelism(2);
  }

  /** Lets workflow time pass (skipped), so periodic reconcile passes run. */
  private void heal(Duration d) {
    testEnv.sleep(d);
  }

  @Test
  void exitedAndRemovedContainersAreReplacedAndOrphansRemovedWithinAPeriod() {
    startApp();
    deployed(Specs.app(APP, web(3)));
    engine.exit("shop-web-r1-2");
    engine.removeByHand("shop-web-r1-3");
    // A container with the app's labels that no revision wants (slot 7).
    engine.addForeign(new CreateRequest("by-hand", APP, 1, 7, "host-b", web(3).build()));
    engine.resetWatermarks();

    heal(Duration.ofSeconds(11));

    eventually(
        "three desired instances run, nothing else",
        () ->
            engine
                    .runningNames("web")
                    .equals(List.of("shop-web-r1-1", "shop-web-r1-2", "shop-web-r1-3"))
                && engine.containers().size() == 3);
    assertThat(appEventTypes())
        .contains(
            "reconcile.restart", "reconcile.replace", "reconcile.orphan", "reconcile.healthy");
    assertThat(state.appEvents()).extracting(e -> e.operationId()).containsOnlyNulls();
    assertThat(state.appEvents()).extracting(e -> e.seq()).doesNotHaveDuplicates();
    assertThat(engine.calls("awaitHealthy"))
        .extracting(Call::container)
        .containsExactlyInAnyOrder("shop-web-r1-2", "shop-web-r1-3");
  }

  @Test
  void aDockerEventTriggersReconcileAtOnce() {
    startApp();
    deployed(Specs.app(APP, web(2)));
    engine.removeByHand("shop-web-r1-1");

    app().reconcileNow();

    // No time is skipped here: only the signal can have started the pass.
    eventually("replaced", () -> engine.runningNames("web").size() == 2);
    assertThat(appEventTypes()).contains("reconcile.replace");
  }

  @Test
  void aCrashLoopBacksOffThenGivesUpAfterMaxAttempts() {
    startApp();
    AppSpec spec =
        Specs.app(
            APP, web(1).restartPolicy(new RestartPolicy(RestartPolicy.Condition.ANY, 5_000, 4, 0)));
    deployed(spec);
    engine.crashing("shop-web-r1-1");
    engine.exit("shop-web-r1-1");
    engine.resetWatermarks();

    heal(Duration.ofMinutes(3));

    eventually("gave up", () -> appEventTypes().contains("reconcile.gave-up"));
    // 18 passes in 3 minutes, but the backoff (5, 10, 20 s...) allowed only the 4 attempts.
    assertThat(engine.calls("start")).hasSize(4);
    assertThat(appEventTypes()).contains("reconcile.backoff", "reconcile.failed");
    assertThat(appEventTypes().stream().filter("reconcile.gave-up"::equals)).hasSize(1);
  }

  @Test
  void aSlotThatRanTenSecondsSinceItsRepairIsForgiven() {
    startApp();
    deployed(
        Specs.app(
            APP,
            web(1).restartPolicy(new RestartPolicy(RestartPolicy.Condition.ANY, 5_000, 0, 0))));
    engine.resetWatermarks();

    // Killed again and again, but each time it had run for a while (an engine that keeps
    // restarting): every repair is immediate. With the 60 s rule the fifth would wait 80 s.
    for (int kill = 1; kill <= 6; kill++) {
      engine.exit("shop-web-r1-1");
      heal(Duration.ofSeconds(25));
      assertThat(engine.runningNames("web")).as("running after kill " + kill).hasSize(1);
    }
    assertThat(engine.calls("start")).hasSize(6);
    assertThat(appEventTypes()).doesNotContain("reconcile.backoff");
  }

  @Test
  void restartPolicyNoneLeavesAnExitedInstanceAlone() {
    startApp();
    deployed(
        Specs.app(
            APP, web(1).restartPolicy(new RestartPolicy(RestartPolicy.Condition.NONE, 0, 0, 0))));
    engine.exit("shop-web-r1-1");
    engine.resetWatermarks();

    heal(Duration.ofSeconds(35));

    assertThat(engine.calls("start")).isEmpty();
    assertThat(engine.runningNames("web")).isEmpty();
  }

  @Test
  void drainMovesEveryInstanceOffTheHostReplacementFirst() {
    startApp();
    deployed(Specs.app(APP, web(4)));
    assertThat(engine.running("web")).extracting(c -> c.host).contains("host-a", "host-b");
    engine.resetWatermarks();

    // host-b is draining: it is no longer among the hosts that take instances.
    state.setReadyHosts(Specs.hosts("host-a"));
    app().reconcileNow();

    eventually(
        "all on host-a",
        () ->
            engine.running("web").size() == 4
                && engine.running("web").stream().allMatch(c -> c.host.equals("host-a"))
                && engine.containers().size() == 4);
    assertThat(engine.minHealthy("web")).as("no drop in healthy capacity").isEqualTo(4);
    assertThat(appEventTypes()).contains("reconcile.move");
  }

  @Test
  void instancesOfALostHostAreReplacedAndTheStaleCopyRemovedWhenItReturns() {
    startApp();
    deployed(Specs.app(APP, web(2)));
    String lost = engine.running("web").get(1).host;
    String other = lost.equals("host-a") ? "host-b" : "host-a";
    engine.hostDown(lost);
    state.setReadyHosts(Specs.hosts(other));

    heal(Duration.ofSeconds(11));
    eventually(
        "two run on " + other,
        () -> engine.running("web").stream().filter(c -> c.host.equals(other)).count() == 2);

    engine.hostUp(lost);
    state.setReadyHosts(Specs.hosts("host-a", "host-b"));
    heal(Duration.ofSeconds(11));

    eventually("stale copy removed", () -> engine.containers().size() == 2);
    assertThat(engine.running("web")).extracting(c -> c.host).containsOnly(other);
    assertThat(appEventTypes()).contains("reconcile.replace", "reconcile.orphan");
  }
}

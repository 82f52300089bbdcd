package dev.baton.workflows.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.testing.AppTestBase;
import dev.baton.workflows.testing.FakeEngine.Call;
import dev.baton.workflows.testing.FakeEngine.Container;
import dev.baton.workflows.testing.Specs;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Scale, rollback and delete through the app's controller. */
class ScaleRollbackTest extends AppTestBase {

  private static AppSpec shop(String image, int replicas) {
    return Specs.app(APP, Specs.service("web", image).replicas(replicas).parallelism(2));
  }

  @Test
  void scaleUpAddsHealthGatedSlotsAndScaleDownRemovesTheNewestWithoutTouchingTheRest() {
    startApp();
    deployed(shop("web:v1", 2));
    engine.resetWatermarks();

    OperationAccepted up = scale(Map.of("web", 5));

    assertThat(up.revision()).isEqualTo(2);
    assertThat(up.workflowId()).isEqualTo("scale:shop:2");
    assertThat(finished(up.workflowId()).status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(engine.runningNames("web"))
        .containsExactly(
            "shop-web-r1-1", "shop-web-r1-2", "shop-web-r1-3", "shop-web-r1-4", "shop-web-r1-5");
    assertThat(engine.calls("stop")).as("no existing instance restarted").isEmpty();
    assertThat(engine.calls("awaitHealthy")).hasSize(3);
    assertThat(engine.minHealthy("web")).isEqualTo(2);
    Map<String, Long> perHost =
        engine.running("web").stream()
            .collect(Collectors.groupingBy(c -> c.host, Collectors.counting()));
    assertThat(perHost.values()).containsExactlyInAnyOrder(3L, 2L);
    assertThat(state.revisions(APP).get(2).spec().service("web").replicas()).isEqualTo(5);
    assertThat(state.currentRevision(APP)).isEqualTo(2);
    assertThat(state.outcome(APP, 2)).isEqualTo("SUCCEEDED");

    engine.resetWatermarks();
    OperationAccepted down = scale(Map.of("web", 1));

    assertThat(finished(down.workflowId()).status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(engine.runningNames("web")).containsExactly("shop-web-r1-1");
    assertThat(engine.calls("remove"))
        .extracting(Call::container)
        .containsExactlyInAnyOrder(
            "shop-web-r1-2", "shop-web-r1-3", "shop-web-r1-4", "shop-web-r1-5");
    assertThat(engine.minHealthy("web")).as("never below what was asked").isGreaterThanOrEqualTo(1);
    assertThat(engine.calls("create")).isEmpty();
  }

  @Test
  void badScaleRequestsAreRejectedBeforeAnythingRuns() {
    startApp();
    deployed(shop("web:v1", 2));
    engine.resetWatermarks();
    int saves = state.operationSaves().size();

    assertThat(rejection(() -> scale(Map.of("api", 2))))
        .contains("replicas.api: unknown service (shop has web)");
    assertThat(rejection(() -> scale(Map.of("web", -1)))).contains("replicas.web: must be >= 0");
    assertThat(rejection(() -> rollback(7))).contains("toRevision: unknown revision 7");

    assertThat(state.operationSaves()).hasSize(saves);
    assertThat(engine.calls("create")).isEmpty();
    assertThat(app().progress().lastRevision()).isEqualTo(1);
  }

  @Test
  void unplaceableScaleSaysWhatIsShortAndGoesBackToTheOldCount() {
    startApp();
    AppSpec spec =
        Specs.app(APP, Specs.service("web", "web:v1").replicas(2).reserveCpus(3).parallelism(2));
    deployed(spec);

    OperationAccepted up = scale(Map.of("web", 3));

    var result = finished(up.workflowId());
    assertThat(result.status()).isEqualTo(OperationStatus.ROLLED_BACK);
    assertThat(result.error())
        .contains("no host can take web slot 3")
        .contains("host-a: cpus: needs 3.0 reserved, 1.0 of 4 free")
        .contains("host-b: cpus: needs 3.0 reserved, 1.0 of 4 free");
    assertThat(engine.runningNames("web")).containsExactly("shop-web-r1-1", "shop-web-r1-2");
    assertThat(state.currentRevision(APP)).isEqualTo(1);
    assertThat(state.outcome(APP, 2)).isEqualTo("ROLLED_BACK");
  }

  @Test
  void rollbackReturnsToAChosenRevisionAsANewRevisionThenToTheLastGoodOne() {
    startApp();
    deployed(shop("web:v1", 2));
    deployed(shop("web:v2", 2));
    deployed(shop("web:v3", 2));

    OperationAccepted back = rollback(1);

    assertThat(back.revision()).isEqualTo(4);
    assertThat(back.workflowId()).isEqualTo("rollback:shop:r4");
    assertThat(finished(back.workflowId()).status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(engine.running("web")).extracting(c -> c.image).containsOnly("web:v1");
    assertThat(engine.runningNames("web")).containsExactly("shop-web-r4-1", "shop-web-r4-2");
    assertThat(state.revisions(APP).get(4).spec().service("web").image()).isEqualTo("web:v1");
    assertThat(state.operationSaves())
        .filteredOn(o -> o.id().equals(back.operationId()) && o.reason() != null)
        .extracting(o -> o.reason())
        .containsOnly("rollback to r1: bad release");
    assertThat(state.operationSaves())
        .filteredOn(o -> o.id().equals(back.operationId()))
        .first()
        .extracting(o -> o.kind())
        .isEqualTo(OperationKind.ROLLBACK);
    assertThat(state.currentRevision(APP)).isEqualTo(4);

    // Default target: the latest revision before the current one whose rollout succeeded (r3).
    OperationAccepted latest = rollback(0);

    assertThat(finished(latest.workflowId()).status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(engine.running("web")).extracting(c -> c.image).containsOnly("web:v3");
    assertThat(state.revisions(APP).get(5).spec().service("web").image()).isEqualTo("web:v3");
  }

  @Test
  void rollbackKeepsTheRunningReplicaCountsUnlessAskedForTheRevisions() {
    startApp();
    deployed(shop("web:v1", 2));
    deployed(shop("web:v2", 2));
    assertThat(finished(scale(Map.of("web", 4)).workflowId()).status())
        .isEqualTo(OperationStatus.SUCCEEDED);

    // A bad release rolled back after a scale-up keeps its capacity (r4 = r1 with 4 replicas).
    OperationAccepted back = rollback(1);

    assertThat(finished(back.workflowId()).status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(engine.running("web")).extracting(c -> c.image).containsOnly("web:v1");
    assertThat(engine.runningNames("web")).hasSize(4);
    assertThat(state.revisions(APP).get(4).spec().service("web").replicas()).isEqualTo(4);
    assertThat(state.revisions(APP).get(4).digest()).as("not r1's file any more").isNull();

    // Asked for: r2's image and its 2 replicas.
    OperationAccepted exact = rollback(2, true);

    assertThat(finished(exact.workflowId()).status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(engine.running("web")).extracting(c -> c.image).containsOnly("web:v2");
    assertThat(engine.runningNames("web")).hasSize(2);
    assertThat(state.revisions(APP).get(5).spec().service("web").replicas()).isEqualTo(2);
    assertThat(state.revisions(APP).get(5).digest()).isEqualTo("sha256:x");
  }

  @Test
  void scaleKeepsInstanceNamesSoALaterDeployRollsBackToThem() {
    startApp();
    deployed(shop("web:v1", 2));
    assertThat(finished(scale(Map.of("web", 3)).workflowId()).status())
        .isEqualTo(OperationStatus.SUCCEEDED);
    engine.resetWatermarks();

    deployed(shop("web:v2", 3));

    assertThat(engine.runningNames("web"))
        .containsExactly("shop-web-r3-1", "shop-web-r3-2", "shop-web-r3-3");
    assertThat(engine.calls("stop"))
        .extracting(Call::container)
        .containsExactlyInAnyOrder("shop-web-r1-1", "shop-web-r1-2", "shop-web-r1-3");
  }

  @Test
  void deleteRemovesEveryContainerAndThenTheAppsNetworks() {
    startApp();
    deployed(shop("web:v1", 3));

    OperationAccepted delete =
        app().submit(new OperationRequest.Delete(null, "admin", "gone", false));

    assertThat(delete.workflowId()).startsWith("delete:shop:");
    assertThat(finished(delete.workflowId()).status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(engine.containers()).extracting((Container c) -> c.name).isEmpty();
    List<Call> calls = engine.calls();
    assertThat(calls).extracting(Call::op).endsWith("list", "removeNetworks");
    assertThat(calls.get(calls.size() - 1).container()).isEqualTo(APP);
    assertThat(state.currentRevision(APP)).isNull();
    assertThat(app().progress().currentRevision()).isZero();
  }
}

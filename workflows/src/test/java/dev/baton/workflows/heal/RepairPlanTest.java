package dev.baton.workflows.heal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.testing.Specs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The self-healing plan as a function: desired spec + observed instances + ready hosts in. */
class RepairPlanTest {
  private static final AppSpec SPEC = Specs.app("shop", Specs.service("web", "img:1").replicas(3));
  private static final Set<String> READY = Set.of("h1", "h2");

  private static Instance web(int rev, int slot, String host, String state) {
    return new Instance(
        "shop",
        "web",
        rev,
        slot,
        host,
        "c-" + host + "-" + rev + "-" + slot,
        Instance.containerName("shop", "web", rev, slot),
        state,
        "healthy",
        null);
  }

  private static RepairPlan plan(List<Instance> seen, Map<String, String> lastHost) {
    return RepairPlan.of(SPEC, 2, seen, READY, lastHost);
  }

  @Test
  void everySlotRunningOnAReadyHostIsStableAndNothingChanges() {
    RepairPlan p =
        plan(
            List.of(
                web(2, 1, "h1", "running"), web(2, 2, "h2", "running"), web(2, 3, "h1", "running")),
            Map.of());
    assertThat(p.empty()).isTrue();
    assertThat(p.stable()).containsExactly("web/1", "web/2", "web/3");
  }

  @Test
  void anExitedSlotIsRepairedWithItsOldCopyAndAMissingOneWithout() {
    Instance exited = web(2, 1, "h1", "exited");
    RepairPlan p = plan(List.of(exited, web(2, 2, "h2", "running")), Map.of());
    assertThat(p.fix()).hasSize(1);
    assertThat(p.fix().get(0).moves()).isEmpty();
    assertThat(p.fix().get(0).repairs())
        .extracting(RepairPlan.Repair::slot, RepairPlan.Repair::old)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, exited),
            org.assertj.core.groups.Tuple.tuple(3, null));
    assertThat(p.remove()).isEmpty();
  }

  @Test
  void orphansOfOtherRevisionsSlotsBeyondReplicasAndUnknownServicesAreRemoved() {
    Instance oldRev = web(1, 1, "h1", "running");
    Instance beyond = web(2, 4, "h2", "running");
    Instance stranger =
        new Instance("shop", "db", 2, 1, "h1", "x", "shop-db-r2-1", "running", "none", null);
    RepairPlan p =
        plan(
            List.of(
                oldRev,
                beyond,
                stranger,
                web(2, 1, "h1", "running"),
                web(2, 2, "h1", "running"),
                web(2, 3, "h2", "running")),
            Map.of());
    assertThat(p.remove()).containsExactly(oldRev, beyond, stranger);
    assertThat(p.fix()).isEmpty();
  }

  @Test
  void aRunningInstanceOnAHostThatTakesNoNewOnesIsMovedNotRepaired() {
    Instance draining = web(2, 2, "h3", "running");
    RepairPlan p =
        plan(List.of(web(2, 1, "h1", "running"), draining, web(2, 3, "h2", "running")), Map.of());
    assertThat(p.fix()).hasSize(1);
    assertThat(p.fix().get(0).moves()).containsExactly(draining);
    assertThat(p.fix().get(0).repairs()).isEmpty();
    assertThat(p.stable()).containsExactly("web/1", "web/3");
  }

  @Test
  void ofTwoCopiesOfASlotTheRunningOneOnAReadyHostIsKeptAndOnATieTheLastKept() {
    Instance onLost = web(2, 1, "h3", "running");
    Instance onReady = web(2, 1, "h1", "running");
    RepairPlan p =
        plan(
            List.of(onLost, onReady, web(2, 2, "h1", "running"), web(2, 3, "h2", "running")),
            Map.of());
    assertThat(p.kept().get("web/1")).isEqualTo(onReady);
    assertThat(p.remove()).containsExactly(onLost);

    // A lost host came back with its stale copy: both on ready hosts, the one kept last stays.
    Instance stale = web(2, 2, "h2", "running");
    Instance replacement = web(2, 2, "h1", "running");
    Map<String, String> lastHost = new HashMap<>(Map.of("web/2", "h1"));
    RepairPlan tie =
        plan(
            List.of(web(2, 1, "h1", "running"), stale, replacement, web(2, 3, "h2", "running")),
            lastHost);
    assertThat(tie.kept().get("web/2")).isEqualTo(replacement);
    assertThat(tie.remove()).containsExactly(stale);
  }
}

package dev.baton.workflows.instance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.HostUsage;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.testing.Specs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placement: spread, binpack, constraints, and reservations counted across apps. */
class SchedulerTest {
  private static final List<Host> HOSTS =
      List.of(
          new Host("h1", "unix:///h1", "127.0.0.1", Map.of("zone", "a"), 2, 8L << 30),
          new Host("h2", "unix:///h2", "127.0.0.1", Map.of("zone", "b"), 2, 8L << 30));

  private static Instance on(String host, int slot) {
    return new Instance(
        "shop", "web", 1, slot, host, "id", "shop-web-r1-" + slot, "running", "healthy", null);
  }

  @Test
  void spreadPicksTheEmptierHostAndBinpackTheFullerOne() {
    ServiceSpec web = Specs.service("web", "web:v1").build();
    List<Instance> one = List.of(on("h1", 1));

    AppSpec spread = Specs.app("shop", Specs.service("web", "web:v1"));
    AppSpec binpack = new AppSpec("shop", spread.services(), 600_000, AppSpec.BINPACK);

    assertThat(
            Scheduler.place(HOSTS, web, 2, one, null, new Scheduler.Context(spread, Map.of()))
                .host())
        .isEqualTo("h2");
    assertThat(
            Scheduler.place(HOSTS, web, 2, one, null, new Scheduler.Context(binpack, Map.of()))
                .host())
        .isEqualTo("h1");
  }

  @Test
  void otherAppsReservationsCountAndAnUnplaceableRequestSaysWhatIsShort() {
    ServiceSpec web =
        Specs.service("web", "web:v1").reserveCpus(1.5).constraints("node.labels.zone!=b").build();
    AppSpec app = new AppSpec("shop", List.of(web), 600_000);
    Map<String, HostUsage> others = Map.of("h1", new HostUsage(2, 1.0, 0));

    Scheduler.Choice choice =
        Scheduler.place(HOSTS, web, 1, List.of(), null, new Scheduler.Context(app, others));

    assertThat(choice.host()).isNull();
    assertThat(choice.reason())
        .isEqualTo(
            "no host can take web slot 1 (h1: cpus: needs 1.5 reserved, 1.0 of 2 free;"
                + " h2: constraint node.labels.zone!=b not met)");
    assertThat(
            Scheduler.place(HOSTS, web, 1, List.of(), null, new Scheduler.Context(app, Map.of()))
                .host())
        .isEqualTo("h1");
  }

  @Test
  void hostnameAndLabelConstraintsPickTheNamedHost() {
    ServiceSpec pinned = Specs.service("web", "web:v1").constraints("node.hostname==h2").build();
    ServiceSpec zoned = Specs.service("web", "web:v1").constraints("node.labels.zone==a").build();
    // h1 is emptier, so spread alone would pick it: only the constraints can move slot 2 away.
    List<Instance> onH2 = List.of(on("h2", 1));

    assertThat(Scheduler.place(HOSTS, pinned, 2, onH2, null).host()).isEqualTo("h2");
    assertThat(Scheduler.place(HOSTS, zoned, 2, List.of(on("h1", 1)), null).host()).isEqualTo("h1");
    Scheduler.Choice none =
        Scheduler.place(
            HOSTS,
            Specs.service("web", "web:v1").constraints("node.hostname==h9").build(),
            1,
            List.of(),
            null);
    assertThat(none.host()).isNull();
    assertThat(none.reason())
        .contains("h1: constraint node.hostname==h9 not met")
        .contains("h2: constraint node.hostname==h9 not met");
  }

  @Test
  void binpackMovesOnWhenTheFullerHostHasNoRoomLeft() {
    ServiceSpec web = Specs.service("web", "web:v1").reserveCpus(1).build();
    AppSpec binpack = new AppSpec("shop", List.of(web), 600_000, AppSpec.BINPACK);
    Scheduler.Context ctx = new Scheduler.Context(binpack, Map.of());

    // h1 holds one (1 of 2 CPUs): binpack fills it first, then goes to h2, then nothing is left.
    List<Instance> one = List.of(on("h1", 1));
    assertThat(Scheduler.place(HOSTS, web, 2, one, null, ctx).host()).isEqualTo("h1");
    List<Instance> full = List.of(on("h1", 1), on("h1", 2));
    assertThat(Scheduler.place(HOSTS, web, 3, full, null, ctx).host()).isEqualTo("h2");
    List<Instance> all = List.of(on("h1", 1), on("h1", 2), on("h2", 3), on("h2", 4));
    Scheduler.Choice none = Scheduler.place(HOSTS, web, 5, all, null, ctx);
    assertThat(none.host()).isNull();
    assertThat(none.reason()).contains("h1: cpus: needs 1.0 reserved, 0.0 of 2 free");
  }

  @Test
  void spreadKeepsASlotOnItsPreviousHostWhenCountsTie() {
    ServiceSpec web = Specs.service("web", "web:v1").build();
    // Slot 2 is being replaced on h2: its own old instance does not count against h2.
    List<Instance> balanced = List.of(on("h1", 1), on("h2", 2));

    assertThat(Scheduler.place(HOSTS, web, 2, balanced, "h2").host()).isEqualTo("h2");
    assertThat(Scheduler.place(HOSTS, web, 2, List.of(), "h2").host()).isEqualTo("h2");
    assertThat(Scheduler.place(List.of(), web, 1, List.of(), null).reason())
        .isEqualTo("no host can take web slot 1: no ready hosts");
  }

  @Test
  void aPinnedVolumeTakesItsSlotToItsHostAndOverridesSpread() {
    ServiceSpec kv = Specs.service("kv", "kv:v1").volume("data", false).build();
    AppSpec app = new AppSpec("shop", List.of(kv), 600_000);
    // h1 already runs slot 1, so spread alone would put slot 2 on h2.
    List<Instance> one = List.of(on("h1", 1));
    Scheduler.Context pinned =
        new Scheduler.Context(app, Map.of(), new java.util.HashMap<>(Map.of("data", "h1")));

    assertThat(Scheduler.place(HOSTS, kv, 2, one, null, pinned).host()).isEqualTo("h1");
    assertThat(Scheduler.unsatisfied(HOSTS.get(1), kv, 2, one, pinned))
        .isEqualTo("volume data is on h1");
  }

  @Test
  void aSlotWhoseVolumeHostIsNotReadySaysItWaitsForIt() {
    ServiceSpec kv = Specs.service("kv", "kv:v1").volume("data", true).build();
    AppSpec app = new AppSpec("shop", List.of(kv), 600_000);
    Scheduler.Context ctx =
        new Scheduler.Context(app, Map.of(), new java.util.HashMap<>(Map.of("data-2", "h3")));

    assertThat(Scheduler.place(HOSTS, kv, 1, List.of(), null, ctx).host()).isNotNull();
    Scheduler.Choice choice = Scheduler.place(HOSTS, kv, 2, List.of(), null, ctx);
    assertThat(choice.host()).isNull();
    assertThat(choice.reason())
        .isEqualTo("kv slot 2 waits for host h3, which holds its volume data-2 and is not ready");
  }
}

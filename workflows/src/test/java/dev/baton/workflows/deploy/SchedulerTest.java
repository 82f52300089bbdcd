package dev.baton.workflows.deploy;

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
          new Host("h1", "unix:///h1", Map.of("zone", "a"), 2, 8L << 30),
          new Host("h2", "unix:///h2", Map.of("zone", "b"), 2, 8L << 30));

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
}

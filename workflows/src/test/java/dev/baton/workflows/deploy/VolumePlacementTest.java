package dev.baton.workflows.deploy;

import static dev.baton.workflows.model.OperationStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.Revision;
import dev.baton.workflows.testing.FakeEngine.Container;
import dev.baton.workflows.testing.Specs;
import dev.baton.workflows.testing.WorkflowTestBase;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A named volume lives on one host: the instances that mount it follow it there. */
class VolumePlacementTest extends WorkflowTestBase {

  private static Revision kv(int number, String image, boolean perSlot) {
    return Specs.revision(
        number,
        Specs.app(
            "app", Specs.service("kv", image).replicas(3).parallelism(3).volume("data", perSlot)));
  }

  private Set<String> hostsOf(String service) {
    return engine.running(service).stream().map(c -> c.host).collect(Collectors.toSet());
  }

  @Test
  void replicasSharingOneVolumeAllGoToItsHostAndStayThere() {
    Revision r1 = kv(1, "kv:v1", false);
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);

    // Spread would put them on both hosts; the first slot pinned the volume, the others followed.
    assertThat(hostsOf("kv")).hasSize(1);
    String host = hostsOf("kv").iterator().next();
    assertThat(state.volumeHosts("app")).isEqualTo(Map.of("data", host));

    assertThat(deploy(kv(2, "kv:v2", false), r1).status()).isEqualTo(SUCCEEDED);
    assertThat(hostsOf("kv")).containsExactly(host);
  }

  @Test
  void aVolumePerReplicaIsPinnedToEachSlotsOwnHost() {
    Revision r1 = kv(1, "kv:v1", true);
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);

    assertThat(hostsOf("kv")).containsExactlyInAnyOrder("host-a", "host-b");
    Map<String, String> pins = state.volumeHosts("app");
    assertThat(pins).containsOnlyKeys("data-1", "data-2", "data-3");
    for (Container c : engine.running("kv")) {
      assertThat(pins.get("data-" + c.slot)).isEqualTo(c.host);
    }

    assertThat(deploy(kv(2, "kv:v2", true), r1).status()).isEqualTo(SUCCEEDED);
    for (Container c : engine.running("kv")) {
      assertThat(c.host)
          .as("slot %d stays with its volume", c.slot)
          .isEqualTo(pins.get("data-" + c.slot));
    }
  }

  @Test
  void aSlotWhoseVolumeHostIsGoneWaitsInsteadOfStartingElsewhereWithoutItsData() {
    state.pinVolumes("app", "host-gone", Map.of("data", "baton-app_data"));

    Revision r1 = kv(1, "kv:v1", false);
    var result = deploy(r1, null);

    assertThat(result.status()).isNotEqualTo(SUCCEEDED);
    assertThat(engine.running("kv")).isEmpty();
    assertThat(result.error()).contains("waits for host host-gone, which holds its volume data");
  }
}

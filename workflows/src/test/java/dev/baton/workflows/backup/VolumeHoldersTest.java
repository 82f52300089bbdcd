package dev.baton.workflows.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeHoldersTest {

  private static Instance kv(int slot) {
    String name = Instance.containerName("app", "kv", 3, slot);
    return new Instance("app", "kv", 3, slot, "h", "id" + slot, name, "running", "healthy", null);
  }

  @Test
  void aSharedVolumeIsHeldByEverySlotAndAVolumePerReplicaByItsOwn() {
    AppSpec shared =
        Specs.app("app", Specs.service("kv", "kv:1").replicas(2).volume("data", false));
    AppSpec own = Specs.app("app", Specs.service("kv", "kv:1").replicas(2).volume("data", true));
    List<Instance> seen = List.of(kv(2), kv(1));

    assertThat(VolumeHolders.of(shared, "data", seen))
        .extracting(h -> h.instance().slot())
        .containsExactly(1, 2);
    assertThat(VolumeHolders.of(own, "data-2", seen))
        .singleElement()
        .satisfies(h -> assertThat(h.volumeName()).isEqualTo("baton-app_data-2"));
    assertThat(VolumeHolders.of(own, "data", seen)).isEmpty();
  }

  @Test
  void theMountOfAKeyIsFoundForEverySlotOfAVolumePerReplica() {
    AppSpec own = Specs.app("app", Specs.service("kv", "kv:1").replicas(2).volume("data", true));

    assertThat(VolumeHolders.mountOf(own, "data-7")).isNotNull();
    assertThat(VolumeHolders.mountOf(own, "data-x")).isNull();
    assertThat(VolumeHolders.mountOf(own, "data")).isNull();
  }
}

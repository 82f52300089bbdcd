package dev.baton.workflows.move;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.app.OperationRequest;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.ports.EventRecord;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.testing.AppTestBase;
import dev.baton.workflows.testing.FakeEngine;
import dev.baton.workflows.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A drain with move-volumes: the app's controller moves its volume off the host with its writer.
 */
class MoveVolumesWorkflowTest extends AppTestBase {
  private static final String VOLUME = "baton-app_data";
  private String source;
  private String other;

  @BeforeEach
  void start() {
    startApp();
    deployed(Specs.app(APP, Specs.service("kv", "kv:v1").volume("data", false)));
    source = engine.running("kv").get(0).host;
    other = source.equals("host-a") ? "host-b" : "host-a";
    engine.resetWatermarks();
  }

  private OperationAccepted move() {
    return app().submit(new OperationRequest.MoveVolumes(source, null, "admin", "drain"));
  }

  private List<String> events(OperationAccepted a) {
    return state.events(a.operationId()).stream().map(EventRecord::type).toList();
  }

  @Test
  void stopsCopiesRepinsStartsOnTheTargetAndOnlyThenRemovesTheSource() {
    OperationAccepted a = move();
    RolloutResult r = finished(a.workflowId());
    assertReplays(a.workflowId(), MoveVolumesWorkflowImpl.class);

    assertThat(r.status()).isEqualTo(OperationStatus.SUCCEEDED);
    List<String> ops = engine.calls().stream().map(c -> c.op() + "@" + c.host()).toList();
    int stop = ops.indexOf("stop@" + source);
    int copy = ops.indexOf("copyVolume@" + source);
    int create = ops.indexOf("create@" + other);
    assertThat(stop).as("stopped before the copy: never two writers").isNotNegative();
    assertThat(copy).isGreaterThan(stop);
    assertThat(create).isGreaterThan(copy);
    assertThat(engine.calls("copyVolume").get(0).container()).isEqualTo(VOLUME);
    List<String> steps = events(a);
    assertThat(steps.indexOf("volume.copied")).isLessThan(steps.indexOf("volume.pinned"));
    assertThat(steps.indexOf("volume.pinned")).isLessThan(steps.indexOf("volume.removed"));
    assertThat(state.volumeHosts(APP)).containsEntry("data", other);
    assertThat(archives.calls("removeVolume"))
        .singleElement()
        .satisfies(c -> assertThat(c.host()).isEqualTo(source));
    List<FakeEngine.Container> kv = engine.running("kv");
    assertThat(kv).hasSize(1);
    assertThat(kv.get(0).host).isEqualTo(other);
    assertThat(kv.get(0).health).isEqualTo("healthy");
    assertThat(engine.containers()).noneMatch(c -> c.host.equals(source));
    assertThat(engine.maxHealthy("kv")).as("never two writers").isEqualTo(1);
  }

  @Test
  void aFailingCopyLeavesTheSourcePinnedAndTheInstanceRestartedThere() {
    engine.failCopies(1);
    String before = engine.running("kv").get(0).name;

    OperationAccepted a = move();
    RolloutResult r = finished(a.workflowId());

    assertThat(r.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(r.error()).contains("no space left on device").contains("stay on " + source);
    assertThat(state.volumeHosts(APP)).containsEntry("data", source);
    assertThat(archives.calls("removeVolume")).isEmpty();
    assertThat(events(a)).contains("volume.kept").doesNotContain("volume.pinned");
    List<FakeEngine.Container> kv = engine.running("kv");
    assertThat(kv).hasSize(1);
    assertThat(kv.get(0).name).isEqualTo(before);
    assertThat(kv.get(0).host).isEqualTo(source);
    assertThat(kv.get(0).health).isEqualTo("healthy");
  }

  @Test
  void withNoVolumeOnTheHostNothingMoves() {
    OperationAccepted a =
        app().submit(new OperationRequest.MoveVolumes(other, null, "admin", "drain"));

    assertThat(finished(a.workflowId()).status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(engine.calls("stop")).isEmpty();
    assertThat(engine.calls("copyVolume")).isEmpty();
  }
}

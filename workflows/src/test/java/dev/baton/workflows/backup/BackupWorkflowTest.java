package dev.baton.workflows.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.app.OperationRequest;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.ports.BackupRecord;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.testing.AppTestBase;
import dev.baton.workflows.testing.FakeEngine;
import dev.baton.workflows.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backups and restores of a named volume, run by the app's controller on the fake engine. */
class BackupWorkflowTest extends AppTestBase {
  private static final String VOLUME = "baton-app_data";
  private String host;

  private static AppSpec kv(String... backupCommand) {
    Specs.ServiceBuilder kv = Specs.service("kv", "kv:v1").volume("data", false);
    if (backupCommand.length > 0) {
      kv.label(BackupCommand.LABEL, BackupCommand.label(List.of(backupCommand)));
    }
    return Specs.app(APP, kv);
  }

  @BeforeEach
  void start() {
    startApp();
  }

  private void deployKv(String... backupCommand) {
    deployed(kv(backupCommand));
    host = engine.running("kv").get(0).host;
    archives.volume(host, VOLUME, "v1");
  }

  private RolloutResult backup() {
    OperationAccepted a =
        app().submit(new OperationRequest.Backup("data", null, null, "ci", "nightly"));
    assertThat(a.workflowId()).startsWith("backup:" + APP + ":");
    RolloutResult r = finished(a.workflowId());
    assertReplays(a.workflowId(), BackupWorkflowImpl.class);
    return r;
  }

  private RolloutResult restore(String id) {
    OperationAccepted a =
        app().submit(new OperationRequest.Restore("data", id, null, "admin", "oops"));
    RolloutResult r = finished(a.workflowId());
    assertReplays(a.workflowId(), RestoreWorkflowImpl.class);
    return r;
  }

  private BackupRecord onlyBackup() {
    assertThat(catalog.all()).hasSize(1);
    return catalog.all().get(0);
  }

  @Test
  void aBackupStopsTheWriterArchivesTheStoppedContainerAndStartsItAgainHealthy() {
    deployKv();
    engine.resetWatermarks();

    assertThat(backup().status()).isEqualTo(OperationStatus.SUCCEEDED);

    BackupRecord b = onlyBackup();
    assertThat(b.status()).isEqualTo(BackupRecord.Status.COMPLETE);
    assertThat(b.id()).matches(BackupIds.PATTERN);
    assertThat(b.file()).isEqualTo(APP + "/data/" + b.id() + ".tar");
    assertThat(b.host()).isEqualTo(host);
    assertThat(archives.calls("archive"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.containerState()).as("read while stopped").isEqualTo("exited");
            });
    assertThat(engine.running("kv")).hasSize(1);
    assertThat(engine.running("kv").get(0).health).isEqualTo("healthy");
    assertThat(engine.minHealthy("kv")).as("it was stopped for the archive").isZero();
  }

  @Test
  void withABackupCommandTheInstanceKeepsServing() {
    deployKv("redis-cli", "SAVE");
    engine.resetWatermarks();

    assertThat(backup().status()).isEqualTo(OperationStatus.SUCCEEDED);

    assertThat(archives.calls("command")).hasSize(1);
    assertThat(archives.calls("archive").get(0).containerState()).isEqualTo("running");
    assertThat(engine.minHealthy("kv")).as("never stopped").isEqualTo(1);
    assertThat(onlyBackup().status()).isEqualTo(BackupRecord.Status.COMPLETE);
  }

  @Test
  void aFailingBackupCommandFailsTheOperationAndCountsNoBackup() {
    deployKv("redis-cli", "SAVE");
    archives.commandFails("ERR disk full");

    RolloutResult r = backup();

    assertThat(r.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(r.error()).contains("ERR disk full");
    assertThat(onlyBackup().status()).isEqualTo(BackupRecord.Status.FAILED);
    assertThat(archives.calls("archive")).isEmpty();
    assertThat(engine.running("kv")).hasSize(1);
  }

  @Test
  void anArchiveThatDiesMidStreamIsRetriedAndCountedOnce() {
    deployKv();
    archives.failArchives(2);

    assertThat(backup().status()).isEqualTo(OperationStatus.SUCCEEDED);

    assertThat(archives.calls("archive")).hasSize(3);
    assertThat(onlyBackup().status()).isEqualTo(BackupRecord.Status.COMPLETE);
    assertThat(archives.files()).hasSize(1);
    assertThat(engine.running("kv")).hasSize(1);
  }

  @Test
  void aRestoreMakesTheVolumeAnewFillsItBeforeTheInstanceStartsAndGatesIt() {
    deployKv();
    backup();
    String id = onlyBackup().id();
    archives.volume(host, VOLUME, "v2");
    String before = engine.running("kv").get(0).name;

    assertThat(restore(id).status()).isEqualTo(OperationStatus.SUCCEEDED);

    assertThat(archives.volume(host, VOLUME)).isEqualTo("v1");
    assertThat(archives.calls("verify")).hasSize(1);
    assertThat(archives.calls("removeVolume")).hasSize(1);
    assertThat(archives.calls("extract"))
        .singleElement()
        .satisfies(c -> assertThat(c.containerState()).isEqualTo("created"));
    List<FakeEngine.Container> kv = engine.running("kv");
    assertThat(kv).hasSize(1);
    assertThat(kv.get(0).name).as("the same slot, on the volume's host").isEqualTo(before);
    assertThat(kv.get(0).host).isEqualTo(host);
    assertThat(kv.get(0).health).isEqualTo("healthy");
  }

  @Test
  void aBackupWhoseChecksumFailsIsRefusedAndNothingIsTouched() {
    deployKv();
    backup();
    BackupRecord b = onlyBackup();
    archives.volume(host, VOLUME, "v2");
    archives.corrupt(b.file());
    int calls = engine.calls().size();

    RolloutResult r = restore(b.id());

    assertThat(r.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(r.error()).contains("checksum does not match").contains("nothing was changed");
    assertThat(archives.volume(host, VOLUME)).isEqualTo("v2");
    assertThat(engine.calls().subList(calls, engine.calls().size()))
        .extracting(FakeEngine.Call::op)
        .doesNotContain("stop", "remove", "create", "start");
    assertThat(archives.calls("removeVolume")).isEmpty();
  }

  @Test
  void aVolumeNoServiceMountsIsRefusedBeforeItIsQueued() {
    deployKv();

    String why =
        rejection(() -> app().submit(new OperationRequest.Backup("cache", null, null, "ci", null)));

    assertThat(why).contains("volume: no service of " + APP).contains("cache");
    assertThat(catalog.all()).isEmpty();
  }
}

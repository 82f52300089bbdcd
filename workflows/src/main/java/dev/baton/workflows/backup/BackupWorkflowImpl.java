package dev.baton.workflows.backup;

import dev.baton.workflows.backup.VolumeHolders.Holder;
import dev.baton.workflows.instance.InstanceLifecycle;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.ports.BackupFile;
import dev.baton.workflows.ports.BackupRecord;
import dev.baton.workflows.rollout.Rollout;
import dev.baton.workflows.rollout.RolloutResult;
import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * A backup of one named volume. Its writers are quiesced first: by the service's backup command
 * when it has one (the instance keeps serving), else by stopping every instance that mounts the
 * volume; those stopped are started again through their health gate whatever happened. The catalog
 * row is RUNNING before the first byte and COMPLETE only once the file is renamed into place, so a
 * crash never counts a half file; the archive call is retried with the same backup id.
 */
public class BackupWorkflowImpl extends Rollout implements BackupWorkflow {
  private BackupSteps steps;

  @Override
  public RolloutResult backup(BackupRequest r) {
    begin(
        OperationKind.BACKUP,
        r.operationId(),
        r.app(),
        r.revision(),
        null,
        r.requestedBy(),
        "backing up volume " + r.volume() + " as " + r.backup());
    steps = new BackupSteps();
    List<Holder> holders =
        r.current() == null
            ? List.of()
            : VolumeHolders.of(r.current().spec(), r.volume(), lifecycle().fleet().all());
    if (holders.isEmpty()) {
      return finish(OperationStatus.FAILED, "failed", noHolder(r), r.revision());
    }
    holders.forEach(h -> tracking(h.service(), h.instance().revision()));
    Holder source =
        holders.stream().filter(h -> h.instance().running()).findFirst().orElse(holders.get(0));
    String host = source.instance().host();
    BackupRecord record =
        new BackupRecord(
            r.backup(),
            r.app(),
            r.volume(),
            host,
            BackupRecord.fileOf(r.app(), r.volume(), r.backup()),
            0,
            null,
            r.operationId(),
            BackupRecord.Status.RUNNING);
    steps.catalog.saveBackup(record);

    List<Holder> stopped = new ArrayList<>();
    String error = null;
    try {
      quiesce(source, holders, stopped);
      phase("archiving volume " + source.volumeName() + " on " + host);
      BackupFile file =
          steps.archives.archiveVolume(
              host, source.instance().containerId(), source.mount().target(), record.file());
      steps.catalog.saveBackup(record.with(BackupRecord.Status.COMPLETE, file));
      events()
          .add(
              "backup.complete",
              source.service().name(),
              "backup "
                  + r.backup()
                  + " of "
                  + r.volume()
                  + ": "
                  + file.sizeBytes()
                  + " bytes, sha256 "
                  + file.sha256());
    } catch (ActivityFailure e) {
      error =
          "backup " + r.backup() + " of volume " + r.volume() + " failed: " + BackupSteps.why(e);
      steps.catalog.saveBackup(record.with(BackupRecord.Status.FAILED, null));
    }
    String unhealthy = startAgain(stopped);
    if (error == null && unhealthy != null) {
      error = "backup " + r.backup() + " is complete, but " + unhealthy;
    }
    return error == null
        ? finish(OperationStatus.SUCCEEDED, "backed up as " + r.backup(), null, r.revision())
        : finish(OperationStatus.FAILED, "failed", error, r.revision());
  }

  /**
   * The service's backup command in the running {@code source}, or, without one (or with nothing
   * running to run it in), a stop of every running holder; those stopped are added to {@code
   * stopped}.
   */
  private void quiesce(Holder source, List<Holder> holders, List<Holder> stopped) {
    List<String> command = BackupCommand.of(source.service());
    if (!command.isEmpty() && source.instance().running()) {
      phase("running " + String.join(" ", command) + " in " + source.instance().containerName());
      steps.archives.runBackupCommand(
          source.instance().host(), source.instance().containerId(), command);
      return;
    }
    InstanceLifecycle lifecycle = lifecycle();
    for (Holder h : holders) {
      if (h.instance().running()) {
        phase("stopping " + h.instance().containerName() + ", which writes " + h.volumeName());
        stopped.add(new Holder(h.service(), h.mount(), lifecycle.stop(h.service(), h.instance())));
      }
    }
  }

  /** Starts the stopped holders through their health gate; what failed, or null. */
  private String startAgain(List<Holder> stopped) {
    List<String> failed = new ArrayList<>();
    for (Holder h : stopped) {
      phase("starting " + h.instance().containerName() + " again");
      try {
        InstanceLifecycle.Gated gated = lifecycle().restart(h.service(), h.instance());
        if (!gated.healthy()) {
          failed.add(gated.reason());
        }
      } catch (ActivityFailure e) {
        failed.add(h.instance().containerName() + ": " + BackupSteps.why(e));
      }
    }
    return failed.isEmpty() ? null : "not healthy again: " + String.join("; ", failed);
  }

  static String noHolder(BackupRequest r) {
    return "no instance of "
        + r.app()
        + " that mounts volume "
        + r.volume()
        + " answers (the app runs "
        + (r.current() == null ? "nothing" : "r" + r.current().number())
        + "; is the volume's host reachable?)";
  }
}

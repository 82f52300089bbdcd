package dev.baton.workflows.backup;

import dev.baton.workflows.backup.VolumeHolders.Holder;
import dev.baton.workflows.instance.InstanceLifecycle;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.ports.BackupRecord;
import dev.baton.workflows.rollout.Rollout;
import dev.baton.workflows.rollout.RolloutResult;
import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * A restore of one named volume from a backup. The backup's file is checked against its SHA-256
 * before anything is touched. A tar can add and overwrite files but not delete them, so the volume
 * is made anew rather than emptied in place (which would need a shell in the image): the instances
 * that mount it are retired, the volume removed, the instances created again (which makes the
 * volume, with its labels and options, as a deploy does), the backup copied into the first of them
 * before it ever starts, then all are started through their health gate. Every step is idempotent,
 * so a crash anywhere resumes where it stopped.
 */
public class RestoreWorkflowImpl extends Rollout implements RestoreWorkflow {

  @Override
  public RolloutResult restore(BackupRequest r) {
    begin(
        OperationKind.RESTORE,
        r.operationId(),
        r.app(),
        r.revision(),
        null,
        r.requestedBy(),
        "restoring volume " + r.volume() + " from backup " + r.backup());
    BackupSteps steps = new BackupSteps();
    BackupRecord backup = steps.catalog.findBackup(r.backup());
    if (backup == null
        || backup.status() != BackupRecord.Status.COMPLETE
        || !backup.app().equals(r.app())
        || !backup.volume().equals(r.volume())) {
      return refused(r, "not a complete backup of " + r.app() + "/" + r.volume());
    }
    phase("verifying the SHA-256 of backup " + r.backup());
    String corrupt = steps.archives.verifyBackup(backup.file(), backup.sha256());
    if (corrupt != null) {
      return refused(r, corrupt);
    }
    List<Holder> holders =
        r.current() == null
            ? List.of()
            : VolumeHolders.of(r.current().spec(), r.volume(), lifecycle().fleet().all());
    if (holders.isEmpty()) {
      return finish(OperationStatus.FAILED, "failed", BackupWorkflowImpl.noHolder(r), r.revision());
    }
    holders.forEach(h -> tracking(h.service(), h.instance().revision()));
    try {
      String unhealthy = replace(holders, steps, backup);
      return unhealthy == null
          ? finish(OperationStatus.SUCCEEDED, "restored from " + r.backup(), null, r.revision())
          : finish(OperationStatus.FAILED, "failed", "restored, but " + unhealthy, r.revision());
    } catch (ActivityFailure e) {
      String error = "restore of " + r.volume() + " from " + r.backup() + " failed: ";
      return finish(OperationStatus.FAILED, "failed", error + BackupSteps.why(e), r.revision());
    }
  }

  /** Retire, remove the volume, create again, copy in, start: what failed to start, or null. */
  private String replace(List<Holder> holders, BackupSteps steps, BackupRecord backup) {
    InstanceLifecycle lifecycle = lifecycle();
    Holder first = holders.get(0);
    String host = first.instance().host();
    phase("removing the instances that mount " + first.volumeName());
    for (Holder h : holders) {
      lifecycle.retire(h.service(), h.instance());
    }
    phase("making volume " + first.volumeName() + " anew on " + host);
    steps.archives.removeVolume(host, first.volumeName());
    List<Holder> created = new ArrayList<>();
    for (Holder h : holders) {
      Instance old = h.instance();
      Instance made = lifecycle.create(h.service(), old.revision(), old.slot(), host);
      created.add(new Holder(h.service(), h.mount(), made));
    }
    phase("copying backup " + backup.id() + " into " + first.volumeName());
    Holder target = created.get(0);
    steps.archives.extractBackup(
        host, target.instance().containerId(), target.mount().target(), backup.file());
    events()
        .add(
            "backup.restored",
            target.service().name(),
            first.volumeName()
                + " holds backup "
                + backup.id()
                + " ("
                + backup.sizeBytes()
                + " bytes)");
    List<String> failed = new ArrayList<>();
    for (Holder h : created) {
      phase("starting " + h.instance().containerName());
      InstanceLifecycle.Gated gated = lifecycle.restart(h.service(), h.instance());
      if (!gated.healthy()) {
        failed.add(gated.reason());
      }
    }
    return failed.isEmpty() ? null : "not healthy: " + String.join("; ", failed);
  }

  private RolloutResult refused(BackupRequest r, String why) {
    String error = "backup " + r.backup() + ": " + why + "; nothing was changed";
    return finish(OperationStatus.FAILED, "refused", error, r.revision());
  }
}

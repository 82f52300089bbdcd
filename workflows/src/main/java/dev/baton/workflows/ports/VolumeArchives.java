package dev.baton.workflows.ports;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * A named volume's contents in and out of the backup store, through the Docker API of the volume's
 * host. Every call is safe to retry and the long ones heartbeat.
 */
@ActivityInterface
public interface VolumeArchives {

  /** Failure type of a backup command that exits non-zero (final: retrying would not help). */
  String COMMAND_FAILED = "BackupCommandFailed";

  /**
   * Runs {@code command} in the running container (the service's {@code x-baton.backup.command})
   * and waits for it; fails with {@link #COMMAND_FAILED} and its output when it exits non-zero.
   */
  void runBackupCommand(String host, String containerId, List<String> command);

  /**
   * Streams a tar of the container's {@code path} (a volume's mount target; the container may be
   * stopped) into the store as {@code file}, with paths relative to the volume. Written under a
   * temporary name and renamed when complete, so a crash leaves no half file under {@code file};
   * when an earlier attempt completed it, that file is answered.
   */
  BackupFile archiveVolume(String host, String containerId, String path, String file);

  /** Null when the stored file's SHA-256 is {@code sha256}; else what is wrong with it. */
  String verifyBackup(String file, String sha256);

  /**
   * Copies the backup's contents into the container's {@code path} (a fresh volume's mount target
   * in a created container): what a tar cannot delete must be gone before, so the volume is new.
   */
  void extractBackup(String host, String containerId, String path, String file);

  /** Removes the named volume from the host (no container may use it); a missing one is gone. */
  void removeVolume(String host, String name);
}

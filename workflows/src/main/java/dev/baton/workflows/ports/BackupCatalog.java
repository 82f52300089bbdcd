package dev.baton.workflows.ports;

import io.temporal.activity.ActivityInterface;

/** The backups' metadata in PostgreSQL, written by the backup and restore workflows only. */
@ActivityInterface
public interface BackupCatalog {

  /** Upserts the backup's row by id; a COMPLETE row never goes back to RUNNING. */
  void saveBackup(BackupRecord backup);

  /** The backup with this id, or null. */
  BackupRecord findBackup(String id);
}

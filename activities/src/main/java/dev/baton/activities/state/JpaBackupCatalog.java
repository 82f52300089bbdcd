package dev.baton.activities.state;

import dev.baton.workflows.ports.BackupCatalog;
import dev.baton.workflows.ports.BackupRecord;
import org.springframework.stereotype.Component;

/** {@link BackupCatalog} in PostgreSQL's {@code backups}. */
@Component
public class JpaBackupCatalog implements BackupCatalog {
  private final BackupRepository backups;

  public JpaBackupCatalog(BackupRepository backups) {
    this.backups = backups;
  }

  @Override
  public void saveBackup(BackupRecord b) {
    boolean complete = b.status() == BackupRecord.Status.COMPLETE;
    backups.upsert(
        b.id(),
        b.app(),
        b.volume(),
        b.host(),
        b.file(),
        complete ? b.sizeBytes() : null,
        complete ? b.sha256() : null,
        b.status().name(),
        b.operationId());
  }

  @Override
  public BackupRecord findBackup(String id) {
    return backups.findById(id).map(BackupEntity::toRecord).orElse(null);
  }
}

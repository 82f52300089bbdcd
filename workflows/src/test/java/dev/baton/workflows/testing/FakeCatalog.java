package dev.baton.workflows.testing;

import dev.baton.workflows.ports.BackupCatalog;
import dev.baton.workflows.ports.BackupRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The backups table in memory, with the real one's upsert: a COMPLETE row stays as it is. */
public final class FakeCatalog implements BackupCatalog {
  private final Map<String, BackupRecord> rows = new LinkedHashMap<>();

  @Override
  public synchronized void saveBackup(BackupRecord backup) {
    BackupRecord old = rows.get(backup.id());
    if (old == null || old.status() != BackupRecord.Status.COMPLETE) {
      rows.put(backup.id(), backup);
    }
  }

  @Override
  public synchronized BackupRecord findBackup(String id) {
    return rows.get(id);
  }

  public synchronized List<BackupRecord> all() {
    return new ArrayList<>(rows.values());
  }
}

package dev.baton.workflows.backup;

import dev.baton.workflows.model.Revision;

/**
 * A backup or a restore of the app's named volume {@code volume}: {@code backup} is the id of the
 * backup to make or to restore; {@code current} the revision the app runs (null: none).
 */
public record BackupRequest(
    String operationId,
    String app,
    String volume,
    String backup,
    Revision current,
    String requestedBy) {

  /** The revision number the operation is recorded with. */
  int revision() {
    return current == null ? 0 : current.number();
  }
}

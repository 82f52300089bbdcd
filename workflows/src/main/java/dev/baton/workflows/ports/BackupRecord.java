package dev.baton.workflows.ports;

/**
 * One backup of a named volume as the catalog keeps it. {@code file} is relative to the backup
 * store ({@link #fileOf}); {@code sizeBytes} and {@code sha256} are known once it is COMPLETE.
 */
public record BackupRecord(
    String id,
    String app,
    String volume,
    String host,
    String file,
    long sizeBytes,
    String sha256,
    String operationId,
    Status status) {

  public enum Status {
    /** Being written: its file is not there yet (only a temporary one may be). */
    RUNNING,
    /** Its file is complete, renamed into place and checksummed. */
    COMPLETE,
    FAILED
  }

  /** Where a backup's file lives in the store: one folder per app and volume. */
  public static String fileOf(String app, String volume, String id) {
    return app + "/" + volume + "/" + id + ".tar";
  }

  public BackupRecord with(Status status, BackupFile written) {
    return new BackupRecord(
        id,
        app,
        volume,
        host,
        file,
        written == null ? sizeBytes : written.sizeBytes(),
        written == null ? sha256 : written.sha256(),
        operationId,
        status);
  }
}

package dev.baton.activities.state;

import dev.baton.workflows.ports.BackupRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code backups}: one backup of a named volume and its file in the store. */
@Entity
@Table(name = "backups")
public class BackupEntity {

  @Id private String id;
  private String app;
  private String volume;
  private String host;
  private String path;
  private Long sizeBytes;

  @Column(name = "sha256")
  private String sha256;

  @Enumerated(EnumType.STRING)
  private BackupRecord.Status status;

  private String operationId;
  private Instant createdAt;
  private Instant completedAt;

  protected BackupEntity() {}

  public BackupRecord toRecord() {
    return new BackupRecord(
        id,
        app,
        volume,
        host,
        path,
        sizeBytes == null ? 0 : sizeBytes,
        sha256,
        operationId,
        status);
  }
}

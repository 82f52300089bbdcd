package dev.baton.activities.state;

import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.ports.OperationRecord;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code operations}. Written by {@link JpaStateActivities#saveOperation} only. */
@Entity
@Table(name = "operations")
public class OperationEntity {

  @Id private String id;
  private String app;
  private int revision;

  @Enumerated(EnumType.STRING)
  private OperationKind kind;

  @Enumerated(EnumType.STRING)
  private OperationStatus status;

  private String workflowId, runId, requestedBy, reason, error;
  private Instant createdAt, startedAt, finishedAt, updatedAt;

  protected OperationEntity() {}

  public OperationRecord toRecord() {
    return new OperationRecord(
        id, app, kind, revision, status, workflowId, runId, requestedBy, reason, error);
  }
}

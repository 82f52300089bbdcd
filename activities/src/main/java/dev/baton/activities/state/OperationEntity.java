package dev.baton.activities.state;

import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.ports.OperationRecord;
import jakarta.persistence.Column;
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

  @Column(nullable = false)
  private String app;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private OperationKind kind;

  private int revision;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private OperationStatus status;

  @Column(name = "workflow_id", nullable = false, unique = true)
  private String workflowId;

  @Column(name = "run_id")
  private String runId;

  @Column(name = "requested_by")
  private String requestedBy;

  private String reason;

  private String error;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected OperationEntity() {}

  public OperationRecord toRecord() {
    return new OperationRecord(
        id, app, kind, revision, status, workflowId, runId, requestedBy, reason, error);
  }

  public String getId() {
    return id;
  }

  public OperationKind getKind() {
    return kind;
  }

  public OperationStatus getStatus() {
    return status;
  }

  public String getWorkflowId() {
    return workflowId;
  }

  public String getRunId() {
    return runId;
  }

  public String getReason() {
    return reason;
  }

  public String getError() {
    return error;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Instant getFinishedAt() {
    return finishedAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}

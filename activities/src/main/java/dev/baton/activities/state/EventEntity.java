package dev.baton.activities.state;

import dev.baton.workflows.ports.EventRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A row of the append-only {@code events} log. {@code id} orders an app's whole log (a cursor for
 * streaming); {@code seq} numbers an operation's events without gaps.
 */
@Entity
@Immutable
@Table(name = "events")
public class EventEntity {

  @Id private long id;

  @Column(nullable = false)
  private String app;

  @Column(name = "operation_id")
  private String operationId;

  private int seq;

  @Column(nullable = false)
  private String type;

  private String service;

  private String message;

  /** Who caused it: the operation's {@code requested_by} when the event belongs to one. */
  private String actor;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected EventEntity() {}

  public EventRecord toRecord() {
    return new EventRecord(app, operationId, seq, type, service, message);
  }

  public long getId() {
    return id;
  }

  public String getOperationId() {
    return operationId;
  }

  public String getType() {
    return type;
  }

  public String getMessage() {
    return message;
  }

  public String getActor() {
    return actor;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public int getSeq() {
    return seq;
  }
}

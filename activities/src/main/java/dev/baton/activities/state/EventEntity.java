package dev.baton.activities.state;

import dev.baton.workflows.ports.EventRecord;
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
  private int seq;
  private String app, operationId, type, service, message;

  /** Who caused it: the operation's {@code requested_by} when the event belongs to one. */
  private String actor;

  private Instant createdAt;

  protected EventEntity() {}

  public EventRecord toRecord() {
    return new EventRecord(app, operationId, seq, type, service, message);
  }
}

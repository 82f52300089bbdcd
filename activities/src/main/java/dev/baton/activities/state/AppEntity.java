package dev.baton.activities.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code apps}; created by the app's first revision. */
@Entity
@Table(name = "apps")
public class AppEntity {

  @Id private String name;

  /** The revision the app runs, {@code null} before its first successful rollout. */
  @Column(name = "current_revision")
  private Integer currentRevision;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected AppEntity() {}

  public String getName() {
    return name;
  }

  public Integer getCurrentRevision() {
    return currentRevision;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}

package dev.baton.activities.state;

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
  private Integer currentRevision;

  private Instant createdAt, updatedAt;

  /** When it was deleted; {@code null} while it exists (a deploy of its name brings it back). */
  private Instant deletedAt;

  protected AppEntity() {}
}

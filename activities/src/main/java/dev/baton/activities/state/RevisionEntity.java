package dev.baton.activities.state;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Revision;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code revisions}: an immutable, numbered spec of an app. */
@Entity
@Immutable
@Table(name = "revisions")
@IdClass(RevisionId.class)
public class RevisionEntity {

  @Id private String app;
  @Id private int number;

  /** The {@link AppSpec} as JSON (see {@link StateJson}). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  private String spec;

  /** The deploy's warnings as JSON, written by the API after the revision is stored. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb", insertable = false, updatable = false)
  private String warnings;

  private String yaml, digest, createdBy, reason, outcome;
  private Instant createdAt;

  protected RevisionEntity() {}

  public Revision toRevision() {
    return new Revision(number, StateJson.readSpec(spec), digest, yaml);
  }
}

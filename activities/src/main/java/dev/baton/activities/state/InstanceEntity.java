package dev.baton.activities.state;

import dev.baton.workflows.model.Instance;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code instances}: one container of a service's slot at one revision. */
@Entity
@Table(name = "instances")
@IdClass(InstanceId.class)
public class InstanceEntity {

  @Id private String app;
  @Id private String service;
  @Id private int revision;
  @Id private int slot;
  private String host, containerId, containerName, state, health, address, operationId;
  private Instant updatedAt;

  /** Read only here: written by {@link InstanceRepository#serve}. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb", insertable = false, updatable = false)
  private String serving;

  protected InstanceEntity() {}

  public Instance toInstance() {
    return new Instance(
        app, service, revision, slot, host, containerId, containerName, state, health, address);
  }
}

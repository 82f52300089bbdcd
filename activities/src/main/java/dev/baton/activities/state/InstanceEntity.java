package dev.baton.activities.state;

import dev.baton.workflows.model.Instance;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code instances}: one container of a service's slot at one revision. */
@Entity
@Table(name = "instances")
@IdClass(InstanceId.class)
public class InstanceEntity {

  @Id private String app;

  @Id private String service;

  @Id private int revision;

  @Id private int slot;

  @Column(nullable = false)
  private String host;

  @Column(name = "container_id")
  private String containerId;

  @Column(name = "container_name", nullable = false, unique = true)
  private String containerName;

  private String state;

  private String health;

  private String address;

  @Column(name = "operation_id")
  private String operationId;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected InstanceEntity() {}

  public Instance toInstance() {
    return new Instance(
        app, service, revision, slot, host, containerId, containerName, state, health, address);
  }

  public String getHost() {
    return host;
  }

  public String getContainerName() {
    return containerName;
  }

  public String getState() {
    return state;
  }

  public String getHealth() {
    return health;
  }

  public String getOperationId() {
    return operationId;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public int getRevision() {
    return revision;
  }
}

package dev.baton.activities.state;

import dev.baton.workflows.model.Host;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code hosts}. Written by {@link HostRegistry}; read through {@link HostRepository}. */
@Entity
@Table(name = "hosts")
public class HostEntity {

  @Id private String name;

  @Column(nullable = false)
  private String endpoint;

  /** JSON object of string labels (placement constraints match on them). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  private String labels;

  private int cpus;

  @Column(name = "memory_bytes")
  private long memoryBytes;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private HostStatus status;

  @Column(name = "api_version")
  private String apiVersion;

  /** Why the host is in its status (a join in progress, a refused certificate), if known. */
  @Column(name = "status_message")
  private String statusMessage;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected HostEntity() {}

  public Host toHost() {
    return new Host(name, endpoint, labelMap(), cpus, memoryBytes);
  }

  public String getName() {
    return name;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public Map<String, String> labelMap() {
    return StateJson.readLabels(labels);
  }

  public int getCpus() {
    return cpus;
  }

  public HostStatus getStatus() {
    return status;
  }

  public String getApiVersion() {
    return apiVersion;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}

package dev.baton.activities.state;

import dev.baton.workflows.model.Host;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code hosts}. Written by {@link HostRegistry}; read through {@link HostRepository}. */
@Entity
@Table(name = "hosts")
public class HostEntity {

  @Id private String name;
  private String endpoint, address;

  /** JSON object of string labels (placement constraints match on them). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  private String labels;

  private int cpus;
  private long memoryBytes;

  @Enumerated(EnumType.STRING)
  private HostStatus status;

  /** Why the host is in its status (a join in progress, a refused certificate), if known. */
  private String statusMessage;

  private String apiVersion;
  private Instant createdAt, updatedAt;

  protected HostEntity() {}

  public Host toHost() {
    return new Host(name, endpoint, address, StateJson.readLabels(labels), cpus, memoryBytes);
  }

  public HostStatus getStatus() {
    return status;
  }
}

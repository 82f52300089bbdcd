package dev.baton.activities.state;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code balancers}; written by {@link JpaBalancerStates}, read by the API. */
@Entity
@Table(name = "balancers")
@IdClass(BalancerId.class)
public class BalancerEntity {

  @Id private String host;
  @Id private String app;
  @Id private String service;
  private String containerId, state, listens, detail;
  private int servers;
  private Instant updatedAt;

  protected BalancerEntity() {}
}

package dev.baton.service.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code audit}: one write request, who made it and what the API answered. Appended by
 * {@link AuditRepository#append}.
 */
@Entity
@Table(name = "audit")
public class AuditEntity {
  @Id private Long id;
  private String requestId, tokenName, method, action, target, source;
  private int outcome;
  private Instant createdAt;

  protected AuditEntity() {}
}

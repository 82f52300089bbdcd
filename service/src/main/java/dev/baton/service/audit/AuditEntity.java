package dev.baton.service.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code audit}: one write request, who made it and what the API answered. */
@Entity
@Table(name = "audit")
public class AuditEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "request_id", nullable = false)
  private String requestId;

  @Column(name = "token_name")
  private String tokenName;

  @Column(nullable = false)
  private String method;

  @Column(nullable = false)
  private String action;

  @Column(nullable = false)
  private String target;

  private String source;

  @Column(nullable = false)
  private int outcome;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected AuditEntity() {}

  AuditEntity(
      String requestId,
      String tokenName,
      String method,
      String action,
      String target,
      String source,
      int outcome) {
    this.requestId = requestId;
    this.tokenName = tokenName;
    this.method = method;
    this.action = action;
    this.target = target;
    this.source = source;
    this.outcome = outcome;
    this.createdAt = Instant.now();
  }
}

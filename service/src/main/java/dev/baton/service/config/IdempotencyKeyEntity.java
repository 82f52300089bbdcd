package dev.baton.service.config;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A row of {@code idempotency_keys}: the first successful answer to a (caller, path, key). Written
 * only by {@link IdempotencyKeyRepository#saveFirst}, so a racing second answer is dropped.
 */
@Entity
@Table(name = "idempotency_keys")
@IdClass(IdempotencyKeyEntity.Id.class)
public class IdempotencyKeyEntity {

  /** The primary key: (caller, path, key). */
  public record Id(String caller, String path, String idempotencyKey) implements Serializable {}

  @jakarta.persistence.Id private String caller;
  @jakarta.persistence.Id private String path;

  @jakarta.persistence.Id
  @Column(name = "key")
  private String idempotencyKey;

  private String requestHash;
  private String operationId;
  private int status;
  private String contentType;
  private String location;
  private String body;
  private Instant createdAt;

  protected IdempotencyKeyEntity() {}
}

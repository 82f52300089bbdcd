package dev.baton.activities.state;

import dev.baton.activities.Sha256;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code api_tokens}. Only the SHA-256 of a token is stored, never the token. */
@Entity
@Table(name = "api_tokens")
public class ApiTokenEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name, tokenHash;

  /** viewer, deployer or admin (see {@link ApiRole}). */
  private String role;

  private Instant createdAt, lastUsedAt, revokedAt;

  protected ApiTokenEntity() {}

  /** A new token row for the plain-text {@code token} (which is hashed, not kept). */
  public ApiTokenEntity(String name, String token, ApiRole role) {
    this.name = name;
    this.tokenHash = hash(token);
    this.role = role.dbValue();
    this.createdAt = Instant.now();
  }

  /** Lower-case hex SHA-256 of a token, as stored in {@code token_hash}. */
  public static String hash(String token) {
    return Sha256.hex(token);
  }

  public void revoke(Instant at) {
    if (revokedAt == null) {
      revokedAt = at;
    }
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public ApiRole getRole() {
    return ApiRole.fromDb(role);
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }
}

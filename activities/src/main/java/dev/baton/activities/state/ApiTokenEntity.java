package dev.baton.activities.state;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

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
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
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

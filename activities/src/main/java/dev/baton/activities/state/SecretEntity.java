package dev.baton.activities.state;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code secrets}: one encrypted value of a secret or config. */
@Entity
@Table(name = "secrets")
@IdClass(SecretId.class)
public class SecretEntity {

  @Id private String scope;
  @Id private String kind;
  @Id private String name;
  @Id private String digest;
  private String keyId;
  private byte[] nonce;
  private byte[] ciphertext;
  private Instant createdAt;

  protected SecretEntity() {}

  public String getScope() {
    return scope;
  }

  public String getKind() {
    return kind;
  }

  public String getName() {
    return name;
  }

  public String getDigest() {
    return digest;
  }

  public String getKeyId() {
    return keyId;
  }

  public byte[] getNonce() {
    return nonce;
  }

  public byte[] getCiphertext() {
    return ciphertext;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}

package dev.baton.activities.state;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code secrets}: encrypted values, written once per value and re-encrypted by rotation. */
@Transactional
public interface SecretRepository extends Repository<SecretEntity, SecretId> {

  /** Stores a value once: the same value again (same digest) keeps the first row. */
  @Modifying
  @NativeQuery(
      """
      INSERT INTO secrets (scope, kind, name, digest, key_id, nonce, ciphertext)
      VALUES (:scope, :kind, :name, :digest, :keyId, :nonce, :ciphertext)
      ON CONFLICT (scope, kind, name, digest) DO NOTHING
      """)
  int insert(
      String scope,
      String kind,
      String name,
      String digest,
      String keyId,
      byte[] nonce,
      byte[] ciphertext);

  Optional<SecretEntity> findByScopeAndKindAndNameAndDigest(
      String scope, String kind, String name, String digest);

  /** The newest value of a secret or config. */
  Optional<SecretEntity> findFirstByScopeAndKindAndNameOrderByCreatedAtDesc(
      String scope, String kind, String name);

  @Query("select s from SecretEntity s where s.keyId <> :keyId")
  List<SecretEntity> notUnder(String keyId);

  /** Rotation: the row under the new key, unless another replica did it already. */
  @Modifying
  @NativeQuery(
      """
      UPDATE secrets SET key_id = :keyId, nonce = :nonce, ciphertext = :ciphertext
       WHERE scope = :scope AND kind = :kind AND name = :name AND digest = :digest
         AND key_id = :oldKeyId
      """)
  int reencrypt(
      String scope,
      String kind,
      String name,
      String digest,
      String oldKeyId,
      String keyId,
      byte[] nonce,
      byte[] ciphertext);

  @Query("select distinct s.name from SecretEntity s where s.scope = '' and s.kind = 'SECRET'")
  List<String> externalNames();
}

package dev.baton.activities.secrets;

import dev.baton.activities.state.SecretEntity;
import dev.baton.activities.state.SecretRepository;
import dev.baton.workflows.model.FileMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The values of secrets and configs, encrypted in PostgreSQL under {@code baton.secrets.key}. Keys
 * listed in {@code baton.secrets.previous-keys} still decrypt, and at start every row under one of
 * them is re-encrypted under the current key: rotation is "new key in, old key to previous, start,
 * then drop the old key". Without a key Baton runs, and refuses only files that carry secrets.
 */
@Component
public class SecretStore {
  private static final Logger log = LoggerFactory.getLogger(SecretStore.class);

  private final SecretRepository rows;
  private final SecretKey key;
  private final List<SecretKey> previous = new ArrayList<>();

  public SecretStore(
      SecretRepository rows,
      @Value("${baton.secrets.key:}") String key,
      @Value("${baton.secrets.previous-keys:}") List<String> previousKeys) {
    this.rows = rows;
    this.key = key == null || key.isBlank() ? null : SecretKey.parse(key);
    for (String old : previousKeys) {
      if (!old.isBlank()) {
        previous.add(SecretKey.parse(old));
      }
    }
  }

  public boolean enabled() {
    return key != null;
  }

  /** The digest of a value, as a spec refers to it (nothing is stored). */
  public String digest(FileMount.Kind kind, String name, byte[] value) {
    return requireKey().digestOf(kind.name(), name, value);
  }

  /** Stores the value (once per digest) and answers its digest. */
  public String put(String scope, FileMount.Kind kind, String name, byte[] value) {
    SecretKey k = requireKey();
    String digest = k.digestOf(kind.name(), name, value);
    SecretCipher.Sealed sealed = SecretCipher.seal(k, row(scope, kind.name(), name, digest), value);
    rows.insert(scope, kind.name(), name, digest, k.id(), sealed.nonce(), sealed.ciphertext());
    return digest;
  }

  /** The value a revision refers to; empty when no such value is stored. */
  public Optional<byte[]> read(String scope, FileMount.Kind kind, String name, String digest) {
    return rows.findByScopeAndKindAndNameAndDigest(scope, kind.name(), name, digest)
        .map(this::open);
  }

  /** The digest of the newest value, read without decrypting it. */
  public Optional<String> latestDigest(String scope, FileMount.Kind kind, String name) {
    return rows.findFirstByScopeAndKindAndNameOrderByCreatedAtDesc(scope, kind.name(), name)
        .map(SecretEntity::getDigest);
  }

  /** Re-encrypts every row under an older key with the current one; answers how many. */
  @EventListener(ApplicationReadyEvent.class)
  public int rotate() {
    if (key == null) {
      return 0;
    }
    int moved = 0;
    for (SecretEntity r : rows.notUnder(key.id())) {
      byte[] value;
      try {
        value = open(r);
      } catch (IllegalStateException unknownKey) {
        log.error("secret {}: {}", row(r), unknownKey.getMessage());
        continue;
      }
      String row = row(r);
      SecretCipher.Sealed sealed = SecretCipher.seal(key, row, value);
      moved +=
          rows.reencrypt(
              r.getScope(),
              r.getKind(),
              r.getName(),
              r.getDigest(),
              r.getKeyId(),
              key.id(),
              sealed.nonce(),
              sealed.ciphertext());
    }
    if (moved > 0) {
      log.info("secrets: {} values re-encrypted under key {}", moved, key.id());
    }
    return moved;
  }

  private byte[] open(SecretEntity r) {
    SecretKey k = keyFor(r.getKeyId());
    return SecretCipher.open(k, row(r), r.getNonce(), r.getCiphertext());
  }

  private SecretKey keyFor(String id) {
    if (key != null && key.is(id)) {
      return key;
    }
    return previous.stream()
        .filter(p -> p.is(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "encrypted under key "
                        + id
                        + ", which is neither baton.secrets.key nor in"
                        + " baton.secrets.previous-keys"));
  }

  private SecretKey requireKey() {
    if (key == null) {
      throw new IllegalStateException(
          "Baton has no secrets key: set baton.secrets.key (BATON_SECRETS_KEY) to use secrets"
              + " and configs");
    }
    return key;
  }

  private static String row(SecretEntity r) {
    return row(r.getScope(), r.getKind(), r.getName(), r.getDigest());
  }

  private static String row(String scope, String kind, String name, String digest) {
    return kind.toLowerCase() + " " + (scope.isEmpty() ? "" : scope + "/") + name + "@" + digest;
  }
}

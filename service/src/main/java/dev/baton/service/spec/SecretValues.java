package dev.baton.service.spec;

import dev.baton.workflows.model.FileMount;
import java.util.Optional;

/**
 * What the Compose reader needs of Baton's secret store: the digest a spec refers to a value by,
 * and the newest stored value's digest (an external secret, or a file not sent again).
 */
public interface SecretValues {

  /** False when Baton has no secrets key: a file with secrets or configs is refused. */
  boolean enabled();

  String digest(FileMount.Kind kind, String name, byte[] value);

  /** The digest of the newest value stored under the scope (an app, or "" for external). */
  Optional<String> latest(String scope, FileMount.Kind kind, String name);

  /** No store: digests under a key of this process only (tests, and parsing without Baton). */
  static SecretValues ephemeral() {
    dev.baton.activities.secrets.SecretKey key = dev.baton.activities.secrets.SecretKey.random();
    return new SecretValues() {
      @Override
      public boolean enabled() {
        return true;
      }

      @Override
      public String digest(FileMount.Kind kind, String name, byte[] value) {
        return key.digestOf(kind.name(), name, value);
      }

      @Override
      public Optional<String> latest(String scope, FileMount.Kind kind, String name) {
        return Optional.empty();
      }
    };
  }
}

package dev.baton.service.secrets;

import dev.baton.activities.secrets.SecretStore;
import dev.baton.service.spec.SecretValues;
import dev.baton.workflows.model.FileMount;
import java.util.Optional;

/** The Compose reader's view of Baton's encrypted store. */
public record StoredSecretValues(SecretStore store) implements SecretValues {

  @Override
  public boolean enabled() {
    return store.enabled();
  }

  @Override
  public String digest(FileMount.Kind kind, String name, byte[] value) {
    return store.digest(kind, name, value);
  }

  @Override
  public Optional<String> latest(String scope, FileMount.Kind kind, String name) {
    return store.latestDigest(scope, kind, name);
  }
}

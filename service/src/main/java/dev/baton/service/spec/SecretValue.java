package dev.baton.service.spec;

import dev.baton.workflows.model.FileMount;

/**
 * A secret's or config's value read from the request, to be stored (encrypted) when the deploy is
 * accepted. Never logged: {@link #toString} leaves the value out.
 */
public record SecretValue(FileMount.Kind kind, String scope, String name, byte[] value) {
  @Override
  public String toString() {
    return kind + " " + scope + "/" + name + " (" + value.length + " bytes)";
  }
}

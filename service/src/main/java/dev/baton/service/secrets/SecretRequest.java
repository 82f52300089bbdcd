package dev.baton.service.secrets;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The value of a secret stored beforehand (Compose {@code external: true}). */
public record SecretRequest(@NotNull @Size(max = 500 * 1024) String value) {
  @Override
  public String toString() {
    return "SecretRequest[value hidden]";
  }
}

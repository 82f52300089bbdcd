package dev.baton.service.apps;

import dev.baton.service.api.ApiException;
import dev.baton.service.spec.ComposeInput;

/** A JSON deploy or plan request as the parser's input. */
public final class ComposeInputs {

  private ComposeInputs() {}

  /** The request's Compose file and what comes with it; 400 naming {@code compose} without it. */
  public static ComposeInput of(DeployRequest body) {
    if (body.compose() == null || body.compose().isBlank()) {
      throw ApiException.badField(
          "compose", "required: the Compose file (or images: new images for the latest file)");
    }
    return new ComposeInput(
        body.compose(), body.variables(), body.envFile(), body.files(), body.profiles());
  }
}

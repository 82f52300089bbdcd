package dev.baton.service.secrets;

import dev.baton.activities.secrets.SecretStore;
import dev.baton.service.api.ApiException;
import dev.baton.service.api.RequiresRole;
import dev.baton.service.auth.Caller;
import dev.baton.workflows.model.FileMount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Secrets stored before a deploy names them with {@code external: true} (admin only). A new value
 * is stored beside the old ones: running revisions keep theirs until a deploy picks the new one.
 */
@RestController
@RequestMapping("/api/v1/secrets")
@RequiresRole(Caller.Role.ADMIN)
public record SecretsController(SecretStore store) {

  @PutMapping(path = "/{name}", consumes = "application/json")
  public ResponseEntity<SecretView> put(
      @PathVariable
          @Pattern(
              regexp = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}",
              message =
                  "letters, digits, '_', '.' and '-', 1 to 63, starting with a letter or digit")
          String name,
      @RequestBody @Valid SecretRequest body) {
    if (!store.enabled()) {
      throw ApiException.conflict(
          "value", "Baton has no secrets key: an admin sets baton.secrets.key (BATON_SECRETS_KEY)");
    }
    String digest =
        store.put("", FileMount.Kind.SECRET, name, body.value().getBytes(StandardCharsets.UTF_8));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(new SecretView(name, digest));
  }
}

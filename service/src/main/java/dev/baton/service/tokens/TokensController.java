package dev.baton.service.tokens;

import dev.baton.activities.state.ApiRole;
import dev.baton.service.api.ApiException;
import dev.baton.service.api.RequiresRole;
import dev.baton.service.auth.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API tokens (admin only): issue one (its secret is answered once), list, revoke. */
@RestController
@RequestMapping("/api/v1/tokens")
@RequiresRole(Caller.Role.ADMIN)
public record TokensController(ApiTokens tokens) {
  @ResponseStatus(HttpStatus.CREATED)
  @PostMapping(consumes = "application/json")
  public ResponseEntity<IssuedToken> create(@RequestBody @Valid NewTokenRequest body) {
    if (tokens.nameTaken(body.name())) {
      throw ApiException.conflict("name", "a token named '" + body.name() + "' exists");
    }
    IssuedToken issued;
    try {
      issued = tokens.issue(body.name(), ApiRole.fromDb(body.role()));
    } catch (DataIntegrityViolationException raced) {
      throw ApiException.conflict("name", "a token named '" + body.name() + "' exists");
    }
    // The secret must not be cached anywhere, nor replayed for an Idempotency-Key.
    return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.id()))
        .cacheControl(CacheControl.noStore())
        .body(issued);
  }

  @GetMapping
  public List<TokenView> list() {
    return tokens.list();
  }

  @ResponseStatus(HttpStatus.NO_CONTENT)
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> revoke(@PathVariable long id) {
    if (!tokens.revoke(id)) {
      throw ApiException.notFound("token " + id);
    }
    return ResponseEntity.noContent().build();
  }
}

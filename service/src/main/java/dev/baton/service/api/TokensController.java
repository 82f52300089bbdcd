package dev.baton.service.api;

import dev.baton.service.auth.ApiTokens;
import dev.baton.service.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API tokens (admin only): issue one (its secret is answered once), list, revoke. */
@RestController
@RequestMapping("/api/v1/tokens")
public class TokensController {
  private final ApiTokens tokens;

  public TokensController(ApiTokens tokens) {
    this.tokens = tokens;
  }

  /** The body of {@code POST /tokens}. */
  public record NewToken(String name, String role) {}

  @PostMapping(consumes = "application/json")
  public ResponseEntity<Map<String, Object>> create(
      @RequestBody NewToken body, HttpServletRequest request) {
    Callers.require(request, Caller.Role.ADMIN);
    Names.requireDnsLabel("name", body.name());
    Caller.Role role = role(body.role());
    if (tokens.nameTaken(body.name())) {
      throw ApiException.conflict("name", "a token named '" + body.name() + "' exists");
    }
    ApiTokens.Issued issued;
    try {
      issued = tokens.issue(body.name(), role);
    } catch (DuplicateKeyException raced) {
      throw ApiException.conflict("name", "a token named '" + body.name() + "' exists");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", issued.id());
    out.put("name", issued.name());
    out.put("role", issued.role());
    out.put("token", issued.token());
    // The secret must not be cached anywhere, nor replayed for an Idempotency-Key.
    return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.id()))
        .cacheControl(CacheControl.noStore())
        .body(out);
  }

  @GetMapping
  public List<Map<String, Object>> list(HttpServletRequest request) {
    Callers.require(request, Caller.Role.ADMIN);
    return tokens.list();
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Void> revoke(@PathVariable long id, HttpServletRequest request) {
    Callers.require(request, Caller.Role.ADMIN);
    if (!tokens.revoke(id)) {
      throw ApiException.notFound("token " + id);
    }
    return ResponseEntity.noContent().build();
  }

  private static Caller.Role role(String role) {
    if (role != null) {
      for (Caller.Role candidate : Caller.Role.values()) {
        if (candidate.name().toLowerCase(Locale.ROOT).equals(role)) {
          return candidate;
        }
      }
    }
    throw ApiException.badField("role", "'" + role + "' is not one of viewer, deployer, admin");
  }
}

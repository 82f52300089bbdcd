package dev.baton.service.tokens;

import dev.baton.activities.state.ApiRole;
import dev.baton.activities.state.ApiTokenEntity;
import dev.baton.activities.state.ApiTokenRepository;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** api_tokens: issue (the secret leaves once, only its SHA-256 is kept), list and revoke. */
@Component
public class ApiTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ApiTokenRepository tokens;
  private final TokenReadRepository views;

  public ApiTokens(ApiTokenRepository tokens, TokenReadRepository views) {
    this.tokens = tokens;
    this.views = views;
  }

  public boolean nameTaken(String name) {
    return tokens.findByName(name).isPresent();
  }

  /** Issues a token: 32 random bytes, base64url. A taken name fails on the unique constraint. */
  public IssuedToken issue(String name, ApiRole role) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiTokenEntity saved = tokens.save(new ApiTokenEntity(name, token, role));
    return new IssuedToken(saved.getId(), name, role.dbValue(), token);
  }

  public List<TokenView> list() {
    return views.views();
  }

  /** Revokes a token; false when there is no such token. Revoking twice keeps the first time. */
  @Transactional
  public boolean revoke(long id) {
    return tokens
        .findById(id)
        .map(
            token -> {
              token.revoke(Instant.now());
              return true;
            })
        .orElse(false);
  }
}

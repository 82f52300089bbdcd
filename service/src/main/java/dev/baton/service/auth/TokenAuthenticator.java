package dev.baton.service.auth;

import dev.baton.activities.state.ApiTokenEntity;
import dev.baton.activities.state.ApiTokenRepository;
import dev.baton.service.config.BatonProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Resolves a bearer token to a caller: the stack's admin token (from configuration), or a token
 * stored hashed (SHA-256) in api_tokens and not revoked.
 */
@Component
public class TokenAuthenticator {
  private final byte[] adminTokenHash;
  private final ApiTokenRepository tokens;

  public TokenAuthenticator(BatonProperties properties, ApiTokenRepository tokens) {
    String admin = properties.adminToken();
    this.adminTokenHash = admin == null || admin.isBlank() ? null : sha256(admin);
    this.tokens = tokens;
  }

  public Optional<Caller> authenticate(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    byte[] hash = sha256(token);
    if (adminTokenHash != null && MessageDigest.isEqual(hash, adminTokenHash)) {
      return Optional.of(new Caller("admin", Caller.Role.ADMIN));
    }
    Optional<ApiTokenEntity> stored =
        tokens.findByTokenHashAndRevokedAtIsNull(HexFormat.of().formatHex(hash));
    stored.ifPresent(this::touch);
    return stored.map(t -> new Caller(t.getName(), Caller.Role.valueOf(t.getRole().name())));
  }

  /** last_used_at is shown by GET /tokens; written at most once a minute per token. */
  private void touch(ApiTokenEntity token) {
    Instant now = Instant.now();
    if (token.getLastUsedAt() == null || token.getLastUsedAt().isBefore(now.minusSeconds(60))) {
      tokens.touch(token.getId(), now);
    }
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.baton.service.auth;

import dev.baton.service.config.BatonProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resolves a bearer token to a caller: the stack's admin token (from configuration), or a token
 * stored hashed (SHA-256) in api_tokens and not revoked.
 */
@Component
public class TokenAuthenticator {
  private final byte[] adminTokenHash;
  private final JdbcClient jdbc;

  public TokenAuthenticator(BatonProperties properties, JdbcClient jdbc) {
    String admin = properties.adminToken();
    this.adminTokenHash = admin == null || admin.isBlank() ? null : sha256(admin);
    this.jdbc = jdbc;
  }

  public Optional<Caller> authenticate(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    byte[] hash = sha256(token);
    if (adminTokenHash != null && MessageDigest.isEqual(hash, adminTokenHash)) {
      return Optional.of(new Caller("admin", Caller.Role.ADMIN));
    }
    String hex = HexFormat.of().formatHex(hash);
    // last_used_at is shown by GET /tokens; written at most once a minute per token.
    jdbc.sql(
            "UPDATE api_tokens SET last_used_at = now() WHERE token_hash = ? AND revoked_at IS NULL"
                + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
        .param(hex)
        .update();
    return jdbc.sql("SELECT name, role FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")
        .param(hex)
        .query(
            (rs, n) ->
                new Caller(
                    rs.getString("name"),
                    Caller.Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT))))
        .optional();
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

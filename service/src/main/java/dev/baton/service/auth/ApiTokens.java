package dev.baton.service.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** api_tokens: issue (the secret leaves once, only its SHA-256 is kept), list and revoke. */
@Component
public class ApiTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final JdbcClient jdbc;

  public ApiTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A token just issued: the only moment its secret is known. */
  public record Issued(long id, String name, String role, String token) {}

  public boolean nameTaken(String name) {
    return jdbc.sql("SELECT count(*) FROM api_tokens WHERE name = ?")
            .param(name)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Issues a token: 32 random bytes, base64url. A taken name fails on the unique constraint. */
  public Issued issue(String name, Caller.Role role) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String roleName = role.name().toLowerCase(java.util.Locale.ROOT);
    long id =
        jdbc.sql("INSERT INTO api_tokens (name, token_hash, role) VALUES (?, ?, ?) RETURNING id")
            .params(name, HexFormat.of().formatHex(TokenAuthenticator.sha256(token)), roleName)
            .query(Long.class)
            .single();
    return new Issued(id, name, roleName, token);
  }

  public List<Map<String, Object>> list() {
    return jdbc.sql(
            """
            SELECT id, name, role, created_at AS "createdAt", last_used_at AS "lastUsedAt",
                   revoked_at AS "revokedAt"
            FROM api_tokens ORDER BY id""")
        .query()
        .listOfRows();
  }

  /** Revokes a token; false when there is no such token. Revoking twice keeps the first time. */
  public boolean revoke(long id) {
    return jdbc.sql("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = ?")
            .param(id)
            .update()
        == 1;
  }
}

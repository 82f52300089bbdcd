package dev.baton.service.config;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** idempotency_keys: the first successful answer to a (caller, path, key). */
@Component
public class IdempotencyStore {
  private final JdbcClient jdbc;

  public IdempotencyStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored answer. */
  public record Stored(
      String requestHash,
      String operationId,
      int status,
      String contentType,
      String location,
      String body) {}

  public Optional<Stored> find(String caller, String path, String key) {
    return jdbc.sql(
            """
            SELECT request_hash, operation_id, status, content_type, location, body
            FROM idempotency_keys WHERE caller = ? AND path = ? AND key = ?""")
        .params(caller, path, key)
        .query(
            (rs, n) ->
                new Stored(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)))
        .optional();
  }

  /** Saves the answer unless a racing request saved one first; true when this one won. */
  public boolean save(String caller, String path, String key, Stored answer) {
    return jdbc.sql(
                """
                INSERT INTO idempotency_keys
                  (caller, path, key, request_hash, operation_id, status, content_type, location,
                   body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (caller, path, key) DO NOTHING""")
            .params(
                caller,
                path,
                key,
                answer.requestHash(),
                answer.operationId(),
                answer.status(),
                answer.contentType(),
                answer.location(),
                answer.body())
            .update()
        == 1;
  }
}

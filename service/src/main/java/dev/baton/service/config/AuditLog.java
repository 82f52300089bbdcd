package dev.baton.service.config;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit table: who asked for which write, and what the API answered. Target and action come
 * from the path: {@code POST /api/v1/apps/shop/deployments} is action {@code POST deployments} on
 * target {@code apps/shop}.
 */
@Component
public class AuditLog {
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  private final JdbcClient jdbc;

  public AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(
      String requestId, String token, String method, String path, String source, int outcome) {
    String[] parts = path.replaceFirst("^/api/v1/?", "").split("/", 3);
    String target = parts.length >= 2 ? parts[0] + "/" + parts[1] : parts[0];
    String action = parts.length == 3 ? method + " " + parts[2] : method;
    try {
      jdbc.sql(
              """
              INSERT INTO audit (request_id, token_name, method, action, target, source, outcome)
              VALUES (?, ?, ?, ?, ?, ?, ?)""")
          .params(requestId, token, method, action, target, source, outcome)
          .update();
    } catch (RuntimeException e) {
      // The answer is already decided; a lost audit row is logged loudly rather than hidden.
      log.error("audit: cannot record {} {} ({}): {}", method, path, requestId, e.toString());
    }
  }

  public List<Map<String, Object>> recent(String target, int limit) {
    return jdbc.sql(
            """
            SELECT id, request_id AS "requestId", token_name AS "tokenName", method, action,
                   target, source, outcome, created_at AS "at"
            FROM audit WHERE (CAST(? AS text) IS NULL OR target = ?)
            ORDER BY id DESC LIMIT ?""")
        .params(target, target, limit)
        .query()
        .listOfRows();
  }
}

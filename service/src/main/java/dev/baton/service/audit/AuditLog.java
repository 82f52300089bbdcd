package dev.baton.service.audit;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * The audit table: who asked for which write, and what the API answered. Target and action come
 * from the path: {@code POST /api/v1/apps/shop/deployments} is action {@code POST deployments} on
 * target {@code apps/shop}.
 */
@Component
public class AuditLog {
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  private final AuditRepository entries;

  public AuditLog(AuditRepository entries) {
    this.entries = entries;
  }

  public void record(
      String requestId, String token, String method, String path, String source, int outcome) {
    String[] parts = path.replaceFirst("^/api/v1/?", "").split("/", 3);
    String target = parts.length >= 2 ? parts[0] + "/" + parts[1] : parts[0];
    String action = parts.length == 3 ? method + " " + parts[2] : method;
    try {
      entries.append(
          new AuditEntry(
              0, requestId, token, method, action, target, source, outcome, Instant.now()));
    } catch (RuntimeException e) {
      // The answer is already decided; a lost audit row is logged loudly rather than hidden.
      log.error("audit: cannot record {} {} ({}): {}", method, path, requestId, e.toString());
    }
  }

  public List<AuditEntry> recent(@Nullable String target, int limit) {
    return entries.newest(target, Limit.of(limit));
  }
}

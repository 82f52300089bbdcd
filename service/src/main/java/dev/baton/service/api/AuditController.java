package dev.baton.service.api;

import dev.baton.service.auth.Caller;
import dev.baton.service.config.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log of write requests, newest first (admin only). */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {
  private final AuditLog audit;

  public AuditController(AuditLog audit) {
    this.audit = audit;
  }

  /**
   * @param target e.g. {@code apps/shop}, {@code operations/<id>}, {@code tokens}
   */
  @GetMapping
  public List<Map<String, Object>> list(
      @RequestParam(required = false) String target,
      @RequestParam(defaultValue = "100") int limit,
      HttpServletRequest request) {
    Callers.require(request, Caller.Role.ADMIN);
    return audit.recent(target, Limits.check("limit", limit, 1000));
  }
}

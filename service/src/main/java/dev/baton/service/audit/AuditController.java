package dev.baton.service.audit;

import dev.baton.service.api.RequiresRole;
import dev.baton.service.auth.Caller;
import java.util.List;
import org.hibernate.validator.constraints.Range;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log of write requests, newest first (admin only). */
@RestController
@RequestMapping("/api/v1/audit")
@RequiresRole(Caller.Role.ADMIN)
public record AuditController(AuditLog audit) {
  /**
   * @param target e.g. {@code apps/shop}, {@code operations/<id>}, {@code tokens}
   */
  @GetMapping
  public List<AuditEntry> list(
      @RequestParam(required = false) @Nullable String target,
      @RequestParam(defaultValue = "100") @Range(min = 1, max = 1000) int limit) {
    return audit.recent(target, limit);
  }
}

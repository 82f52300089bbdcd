package dev.baton.service.audit;

import dev.baton.service.auth.Caller;
import dev.baton.service.config.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outermost filter: gives every request an {@code X-Request-Id} and records every write under
 * {@code /api/} in the audit table with its outcome, whatever happened inside (401s included), so
 * no endpoint can forget it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AuditFilter extends OncePerRequestFilter {
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private final AuditLog audit;

  public AuditFilter(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String requestId = RequestIds.assign(request);
    response.setHeader(RequestIds.HEADER, requestId);
    boolean write =
        WRITES.contains(request.getMethod()) && request.getRequestURI().startsWith("/api/");
    int outcome = 500;
    try {
      chain.doFilter(request, response);
      outcome = response.getStatus();
    } finally {
      if (write) {
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        audit.record(
            requestId,
            caller == null ? null : caller.name(),
            request.getMethod(),
            request.getRequestURI(),
            request.getRemoteAddr(),
            outcome);
      }
    }
  }
}

package dev.baton.service.auth;

import dev.baton.service.config.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api/} request needs {@code Authorization: Bearer <token>}; reads need viewer,
 * writes deployer (finer roles per handler: {@code RequiresRole}). Actuator endpoints other than
 * health and info (Prometheus metrics) need the admin role.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BearerTokenFilter extends OncePerRequestFilter {
  private final TokenAuthenticator authenticator;

  public BearerTokenFilter(TokenAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !path.startsWith("/api/") && !isRestrictedActuator(path);
  }

  private static boolean isRead(String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  private static boolean isRestrictedActuator(String path) {
    return path.startsWith("/actuator")
        && !path.equals("/actuator/info")
        && !path.equals("/actuator/health")
        && !path.startsWith("/actuator/health/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    String token =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    Optional<Caller> caller = authenticator.authenticate(token);
    if (caller.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Bearer");
      Problems.write(
          response,
          HttpStatus.UNAUTHORIZED,
          "header Authorization: a valid Bearer token is required");
      return;
    }
    if (isRestrictedActuator(request.getRequestURI())
        && !caller.get().role().allows(Caller.Role.ADMIN)) {
      Problems.write(
          response, HttpStatus.FORBIDDEN, "token " + caller.get().name() + ": this needs ADMIN");
      return;
    }
    request.setAttribute(Caller.ATTRIBUTE, caller.get()); // the audit names who was refused
    // Every write needs deployer or more: refused here, before its body or media type is read,
    // so a viewer learns it may not write rather than what was wrong with the request.
    if (!caller.get().role().allows(Caller.Role.DEPLOYER) && !isRead(request.getMethod())) {
      Problems.write(
          response,
          HttpStatus.FORBIDDEN,
          "token "
              + caller.get().name()
              + " has role "
              + caller.get().role()
              + "; this needs DEPLOYER (a viewer only reads)");
      return;
    }
    chain.doFilter(request, response);
  }
}

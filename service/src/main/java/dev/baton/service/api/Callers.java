package dev.baton.service.api;

import dev.baton.service.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

/** The authenticated caller of a request, and the role check {@link RoleInterceptor} makes. */
public final class Callers {
  private Callers() {}

  /** The caller of a request that passed the bearer-token filter. */
  public static Caller of(HttpServletRequest request) {
    return require(request, Caller.Role.VIEWER);
  }

  static Caller require(HttpServletRequest request, Caller.Role role) {
    Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
    if (caller == null) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "a valid Bearer token is required");
    }
    if (!caller.role().allows(role)) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "token " + caller.name() + " has role " + caller.role() + "; this needs " + role);
    }
    return caller;
  }
}

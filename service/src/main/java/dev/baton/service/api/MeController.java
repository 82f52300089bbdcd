package dev.baton.service.api;

import dev.baton.service.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the bearer token belongs to, so a client (the dashboard) can show only what it may do. */
@RestController
@RequestMapping("/api/v1/me")
public class MeController {

  @GetMapping
  public Map<String, Object> me(HttpServletRequest request) {
    Caller caller = Callers.require(request, Caller.Role.VIEWER);
    return Map.of("name", caller.name(), "role", caller.role().name().toLowerCase(Locale.ROOT));
  }
}

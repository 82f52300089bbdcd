package dev.baton.service.tokens;

import dev.baton.service.api.Callers;
import dev.baton.service.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the bearer token belongs to, so a client (the dashboard) can show only what it may do. */
@RestController
@RequestMapping("/api/v1/me")
public class MeController {

  @GetMapping
  public Me me(HttpServletRequest request) {
    Caller caller = Callers.of(request);
    return new Me(caller.name(), caller.role().name().toLowerCase(Locale.ROOT));
  }
}

package dev.baton.service.api;

import dev.baton.service.auth.Caller;
import dev.baton.workflows.app.OperationRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /apps/{app}/rollback}: back to a retained revision (default: last good one). */
@RestController
public class RollbackController {
  private final FleetOperations operations;
  private final Links links;

  public RollbackController(FleetOperations operations, Links links) {
    this.operations = operations;
    this.links = links;
  }

  /** {@code {"toRevision": 2, "reason": "…"}}; both optional. */
  public record RollbackBody(Integer toRevision, String reason) {}

  @PostMapping("/api/v1/apps/{app}/rollback")
  public ResponseEntity<Map<String, Object>> rollback(
      @PathVariable String app,
      @RequestBody(required = false) RollbackBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request) {
    Caller caller = Callers.require(request, Caller.Role.DEPLOYER);
    Names.requireDnsLabel("app", app);
    int to = body == null || body.toRevision() == null ? 0 : body.toRevision();
    if (to < 0) {
      throw ApiException.badField("toRevision", "must be a revision number >= 1");
    }
    OperationRequest op =
        new OperationRequest.Rollback(to, null, caller.name(), body == null ? null : body.reason());
    return OperationBodies.accepted(operations.submit(app, op, idempotencyKey), app, links);
  }
}

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

/** {@code POST /apps/{app}/scale}: new replica counts, as an operation (202). */
@RestController
public class ScaleController {
  private final FleetOperations operations;
  private final Links links;

  public ScaleController(FleetOperations operations, Links links) {
    this.operations = operations;
    this.links = links;
  }

  /** {@code {"replicas": {"web": 5}, "reason": "…"}}. */
  public record ScaleBody(Map<String, Integer> replicas, String reason) {}

  @PostMapping("/api/v1/apps/{app}/scale")
  public ResponseEntity<Map<String, Object>> scale(
      @PathVariable String app,
      @RequestBody ScaleBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request) {
    Caller caller = Callers.require(request, Caller.Role.DEPLOYER);
    Names.requireDnsLabel("app", app);
    if (body == null || body.replicas() == null || body.replicas().isEmpty()) {
      throw ApiException.badField("replicas", "name at least one service and its count");
    }
    OperationRequest op =
        new OperationRequest.Scale(body.replicas(), null, caller.name(), body.reason());
    return OperationBodies.accepted(operations.submit(app, op, idempotencyKey), app, links);
  }
}

package dev.baton.service.api;

import dev.baton.service.auth.Caller;
import dev.baton.workflows.app.OperationRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An app's revision history, and deleting an app (every container; admin only). */
@RestController
public class AppFleetController {
  private final FleetOperations operations;
  private final FleetReader reader;
  private final Links links;

  public AppFleetController(FleetOperations operations, FleetReader reader, Links links) {
    this.operations = operations;
    this.reader = reader;
    this.links = links;
  }

  @GetMapping("/api/v1/apps/{app}/revisions")
  public List<Map<String, Object>> revisions(@PathVariable String app) {
    Names.requireDnsLabel("app", app);
    if (!reader.appExists(app)) {
      throw ApiException.notFound("app " + app);
    }
    return reader.revisions(app);
  }

  @DeleteMapping("/api/v1/apps/{app}")
  public ResponseEntity<Map<String, Object>> delete(
      @PathVariable String app,
      @RequestParam(required = false) String reason,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request) {
    Caller caller = Callers.require(request, Caller.Role.ADMIN);
    Names.requireDnsLabel("app", app);
    OperationRequest op = new OperationRequest.Delete(null, caller.name(), reason);
    return OperationBodies.accepted(operations.submit(app, op, idempotencyKey), app, links);
  }
}

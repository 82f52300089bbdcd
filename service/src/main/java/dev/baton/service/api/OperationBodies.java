package dev.baton.service.api;

import dev.baton.workflows.app.OperationAccepted;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The 202 answer to an accepted operation, shaped like a deploy's. */
final class OperationBodies {
  private OperationBodies() {}

  static ResponseEntity<Map<String, Object>> accepted(
      OperationAccepted accepted, String app, Links links) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", accepted.operationId());
    body.put("app", accepted.app());
    body.put("revision", accepted.revision());
    body.put("status", accepted.status());
    body.put("workflowId", accepted.workflowId());
    body.put("links", links.operation(accepted.operationId(), app, accepted.workflowId(), null));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/operations/" + accepted.operationId()))
        .body(body);
  }
}

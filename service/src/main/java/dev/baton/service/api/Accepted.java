package dev.baton.service.api;

import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.model.OperationStatus;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The 202 answer to an operation the app's controller accepted (deploy, scale, rollback, delete).
 */
public record Accepted(
    String id,
    String app,
    int revision,
    OperationStatus status,
    String workflowId,
    OperationLinks links) {

  public static ResponseEntity<Accepted> answer(OperationAccepted accepted, Links links) {
    String id = accepted.operationId();
    Accepted body =
        new Accepted(
            id,
            accepted.app(),
            accepted.revision(),
            accepted.status(),
            accepted.workflowId(),
            links.operation(id, accepted.app(), accepted.workflowId(), null));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/operations/" + id))
        .body(body);
  }
}

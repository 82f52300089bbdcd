package dev.baton.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.service.spec.SpecError;
import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.model.OperationStatus;
import java.net.URI;
import java.util.List;
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
    OperationLinks links,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SpecError> warnings) {

  public static ResponseEntity<Accepted> answer(OperationAccepted accepted, Links links) {
    return answer(accepted, links, List.of());
  }

  /** The answer to a deploy, with what its Compose file was accepted with but not as written. */
  public static ResponseEntity<Accepted> answer(
      OperationAccepted accepted, Links links, List<SpecError> warnings) {
    String id = accepted.operationId();
    Accepted body =
        new Accepted(
            id,
            accepted.app(),
            accepted.revision(),
            accepted.status(),
            accepted.workflowId(),
            links.operation(id, accepted.app(), accepted.workflowId(), null),
            warnings);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/operations/" + id))
        .body(body);
  }
}

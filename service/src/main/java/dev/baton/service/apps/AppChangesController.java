package dev.baton.service.apps;

import dev.baton.service.api.Accepted;
import dev.baton.service.api.ApiException;
import dev.baton.service.api.Callers;
import dev.baton.service.api.DnsLabel;
import dev.baton.service.api.Links;
import dev.baton.service.api.RequiresRole;
import dev.baton.service.auth.Caller;
import dev.baton.service.control.FleetOperations;
import dev.baton.workflows.app.OperationRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An app's revision history and the changes other than a deploy: scale, rollback, delete. */
@RestController
@RequestMapping("/api/v1/apps/{app}")
public class AppChangesController {
  private final FleetOperations operations;
  private final AppReadRepository apps;
  private final Links links;

  public AppChangesController(FleetOperations operations, AppReadRepository apps, Links links) {
    this.operations = operations;
    this.apps = apps;
    this.links = links;
  }

  @GetMapping("/revisions")
  public List<RevisionView> revisions(@PathVariable @DnsLabel String app) {
    if (!apps.existsByName(app)) {
      throw ApiException.notFound("app " + app);
    }
    return apps.revisions(app).stream().map(RevisionView::of).toList();
  }

  /** New replica counts, as an operation (202). */
  @RequiresRole(Caller.Role.DEPLOYER)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @PostMapping("/scale")
  public ResponseEntity<Accepted> scale(
      @PathVariable @DnsLabel String app,
      @RequestBody @Valid ScaleRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
      HttpServletRequest request) {
    String actor = Callers.of(request).name();
    OperationRequest op = new OperationRequest.Scale(body.replicas(), null, actor, body.reason());
    return Accepted.answer(operations.submit(app, op, idempotencyKey), links);
  }

  /** Back to a retained revision (default: the last good one). */
  @RequiresRole(Caller.Role.DEPLOYER)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @PostMapping("/rollback")
  public ResponseEntity<Accepted> rollback(
      @PathVariable @DnsLabel String app,
      @RequestBody(required = false) @Valid @Nullable RollbackRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
      HttpServletRequest request) {
    int to = body == null || body.toRevision() == null ? 0 : body.toRevision();
    String reason = body == null ? null : body.reason();
    boolean revisionReplicas = body != null && body.revisionReplicas();
    OperationRequest op =
        new OperationRequest.Rollback(
            to, null, Callers.of(request).name(), reason, revisionReplicas);
    return Accepted.answer(operations.submit(app, op, idempotencyKey), links);
  }

  /**
   * Removes every container of the app, then the app (admin only); its named volumes stay on their
   * hosts unless {@code volumes=delete}.
   */
  @RequiresRole(Caller.Role.ADMIN)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @DeleteMapping
  public ResponseEntity<Accepted> delete(
      @PathVariable @DnsLabel String app,
      @RequestParam(required = false) @Nullable String reason,
      @RequestParam(defaultValue = "keep")
          @Pattern(regexp = "keep|delete", message = "must be keep or delete")
          String volumes,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
      HttpServletRequest request) {
    OperationRequest op =
        new OperationRequest.Delete(
            null, Callers.of(request).name(), reason, volumes.equals("delete"));
    return Accepted.answer(operations.submit(app, op, idempotencyKey), links);
  }
}

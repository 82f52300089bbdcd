package dev.baton.workflows.app;

import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.Revision;
import java.util.Map;

/**
 * An operation submitted to an app. For a deploy, {@code revision} carries the new spec; its number
 * is assigned by the app workflow (0 here). A scale carries {@code replicas} (service to count); a
 * rollback {@code toRevision} (0: the last revision that succeeded); a delete neither.
 */
public record OperationRequest(
    OperationKind kind,
    Revision revision,
    String requestedBy,
    String reason,
    Map<String, Integer> replicas,
    int toRevision) {

  public OperationRequest(
      OperationKind kind, Revision revision, String requestedBy, String reason) {
    this(kind, revision, requestedBy, reason, null, 0);
  }
}

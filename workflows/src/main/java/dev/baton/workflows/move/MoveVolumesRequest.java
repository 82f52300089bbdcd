package dev.baton.workflows.move;

import dev.baton.workflows.model.Revision;

/**
 * Moves the app's named volumes off {@code host}; {@code current} is the revision the app runs
 * (null: none).
 */
public record MoveVolumesRequest(
    String operationId, String app, String host, Revision current, String requestedBy) {

  /** The revision number the operation is recorded with. */
  int revision() {
    return current == null ? 0 : current.number();
  }
}

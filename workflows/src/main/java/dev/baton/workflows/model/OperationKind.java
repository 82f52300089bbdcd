package dev.baton.workflows.model;

public enum OperationKind {
  DEPLOY,
  SCALE,
  ROLLBACK,
  DELETE,
  BACKUP,
  RESTORE,
  MOVE_VOLUMES
}

package dev.baton.workflows.model;

/** Lifecycle of an operation, as shown by the API and the {@code BatonStatus} search attribute. */
public enum OperationStatus {
  QUEUED,
  RUNNING,
  PAUSED,
  ROLLING_BACK,
  SUCCEEDED,
  FAILED,
  ROLLED_BACK,
  ABORTED;

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == ROLLED_BACK || this == ABORTED;
  }
}

package dev.baton.workflows.model;

/**
 * How a rollout (or its rollback) moves through a service: Compose's {@code update_config} and
 * {@code rollback_config}.
 */
public record UpdatePolicy(
    int parallelism,
    long delayMillis,
    FailureAction failureAction,
    long monitorMillis,
    double maxFailureRatio,
    Order order) {

  public enum FailureAction {
    PAUSE,
    CONTINUE,
    ROLLBACK
  }

  public enum Order {
    STOP_FIRST,
    START_FIRST
  }

  /**
   * The same policy, but failures never trigger another action: what a rollback runs with, so a
   * failing rollback finishes what it can instead of rolling back again.
   */
  public UpdatePolicy continuingOnFailure() {
    return new UpdatePolicy(
        parallelism, delayMillis, FailureAction.CONTINUE, monitorMillis, maxFailureRatio, order);
  }

  /** Baton's defaults where the spec is silent (rollback on failure, unlike Swarm's pause). */
  public static UpdatePolicy defaults() {
    return new UpdatePolicy(1, 0, FailureAction.ROLLBACK, 5_000, 0.0, Order.STOP_FIRST);
  }
}

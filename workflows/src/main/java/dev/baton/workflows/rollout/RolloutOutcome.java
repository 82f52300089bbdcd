package dev.baton.workflows.rollout;

/**
 * How one service's rollout ended. {@code failed}: past max_failure_ratio (or the deadline) and the
 * failure action is rollback; {@code degraded}: failures tolerated by "continue".
 */
public record RolloutOutcome(boolean failed, boolean aborted, boolean degraded, String reason) {

  public static RolloutOutcome ok() {
    return new RolloutOutcome(false, false, false, null);
  }

  public static RolloutOutcome failed(String reason) {
    return new RolloutOutcome(true, false, false, reason);
  }

  public static RolloutOutcome aborted(String reason) {
    return new RolloutOutcome(false, true, false, reason);
  }

  public static RolloutOutcome degraded(String reason) {
    return new RolloutOutcome(false, false, true, reason);
  }
}

package dev.baton.workflows.model;

/**
 * Compose's {@code deploy.restart_policy}: what self-healing does when an instance exits. {@code
 * maxAttempts} 0 is unlimited; {@code windowMillis} 0 counts attempts over the whole run.
 */
public record RestartPolicy(
    Condition condition, long delayMillis, int maxAttempts, long windowMillis) {

  public enum Condition {
    NONE,
    ON_FAILURE,
    ANY
  }

  /** Swarm's defaults: restart on any exit, 5 s apart, no limit. */
  public static RestartPolicy defaults() {
    return new RestartPolicy(Condition.ANY, 5_000, 0, 0);
  }
}

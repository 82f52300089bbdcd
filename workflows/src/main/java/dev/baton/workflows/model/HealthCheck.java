package dev.baton.workflows.model;

import java.util.List;

/**
 * Compose's {@code healthcheck}, which becomes the container's Docker health check. An empty test
 * with {@code disabled} false means "the image's own health check, if any".
 */
public record HealthCheck(
    List<String> test,
    long intervalMillis,
    long timeoutMillis,
    int retries,
    long startPeriodMillis,
    boolean disabled) {

  /** Longest time a new instance may take to report healthy before it counts as failed. */
  public long budgetMillis() {
    return startPeriodMillis + (intervalMillis + timeoutMillis) * (retries + 1L);
  }
}

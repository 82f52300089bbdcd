package dev.baton.workflows.model;

/**
 * Baton's own HTTP readiness probe ({@code x-baton.probe}), done by Baton through the port the
 * instance publishes on its host. An instance is healthy after one 2xx answer; it fails after
 * {@code retries} consecutive failed attempts.
 */
public record HttpProbe(
    String path, int port, long intervalMillis, long timeoutMillis, int retries) {

  public long budgetMillis() {
    return (intervalMillis + timeoutMillis) * (retries + 1L);
  }
}

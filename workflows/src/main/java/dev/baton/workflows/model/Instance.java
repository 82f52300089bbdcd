package dev.baton.workflows.model;

/**
 * One container of a service as seen on its host. {@code state} is Docker's (created, running,
 * exited, ...), {@code health} is healthy / unhealthy / starting / none.
 */
public record Instance(
    String app,
    String service,
    int revision,
    int slot,
    String host,
    String containerId,
    String containerName,
    String state,
    String health,
    String address) {

  public static String containerName(String app, String service, int revision, int slot) {
    return app + "-" + service + "-r" + revision + "-" + slot;
  }

  public boolean running() {
    return "running".equals(state);
  }
}

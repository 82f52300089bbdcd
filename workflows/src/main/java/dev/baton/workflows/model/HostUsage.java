package dev.baton.workflows.model;

/** What instances already reserve on a host: their count, CPUs and memory reservations. */
public record HostUsage(int instances, double cpus, long memoryBytes) {

  public static HostUsage none() {
    return new HostUsage(0, 0, 0);
  }
}

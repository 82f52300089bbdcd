package dev.baton.activities;

import org.jspecify.annotations.Nullable;

/** What Baton last saw of each host's balancer of each service, shown by the API. */
public interface BalancerStates {

  /**
   * One host's balancer of one service: {@code serving} over {@code servers} instances, {@code
   * idle} with none in service, or {@code failed} ({@code detail} says why); {@code listens} is
   * what it publishes on the host ("address:port", comma separated).
   */
  record BalancerState(
      String host,
      String app,
      String service,
      @Nullable String containerId,
      String state,
      int servers,
      String listens,
      @Nullable String detail) {}

  void saw(BalancerState state);

  /** The app's balancers are gone. */
  void forget(String app);
}

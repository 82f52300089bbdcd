package dev.baton.activities;

import org.jspecify.annotations.Nullable;

/**
 * What Baton last saw of each host's balancer of each service, shown by the API; and, for the
 * replicas, whether the configuration a replica last gave a balancer is still the one it runs.
 */
public interface BalancerStates {

  /**
   * One host's balancer of one service: {@code serving} over {@code servers} instances, {@code
   * idle} with none in service, or {@code failed} ({@code detail} says why); {@code listens} is
   * what it publishes on the host ("address:port", comma separated); {@code configSha256} the
   * digest of the configuration it was given.
   */
  record BalancerState(
      String host,
      String app,
      String service,
      @Nullable String containerId,
      String state,
      int servers,
      String listens,
      @Nullable String detail,
      @Nullable String configSha256) {}

  void saw(BalancerState state);

  /** A change of this balancer begins: until it is recorded, no replica trusts what it gave. */
  void changing(String host, String app, String service);

  /** Whether the balancer still runs what {@code containerId} was last given, by anybody. */
  boolean stillGiven(
      String host, String app, String service, String containerId, String configSha256);

  /** The app's balancers are gone. */
  void forget(String app);
}

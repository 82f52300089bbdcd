package dev.baton.workflows.host;

/**
 * What a host's workflow carries across continue-as-new. {@code status}: READY, UNREACHABLE,
 * DRAINING (null before the first check); {@code checkMillis}: period of the reachability check (0:
 * the default).
 */
public record HostState(String host, boolean provisioned, String status, long checkMillis) {

  public static final long DEFAULT_CHECK_MILLIS = 5_000;

  public static HostState of(String host) {
    return new HostState(host, false, null, 0);
  }
}

package dev.baton.workflows.ports;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** What the host workflow asks of a Docker engine and of the hosts table. */
@ActivityInterface
public interface HostActivities {

  /**
   * Connects, checks that the engine speaks Baton's API version, and records its capacity. Fails
   * (non-retryable) on an endpoint Baton refuses, such as plain TCP to a remote engine.
   */
  HostFacts inspectHost(String host);

  /** True when the engine answers. */
  boolean ping(String host);

  /** Creates Baton's bridge network on the host if it is missing. */
  void ensureNetwork(String host);

  /** Images of the apps' current revisions that may run on this host (to pre-pull). */
  List<String> imagesFor(String host);

  /** READY, UNREACHABLE, DRAINING or REMOVED. */
  void setHostStatus(String host, String status);

  /** Apps with instances on the host, as the instances table knows them. */
  List<String> appsOn(String host);
}

package dev.baton.activities;

import dev.baton.workflows.model.NetworkAttachment;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which instances are in service behind their service's balancers, and where each one answers.
 * Every balancer is rendered from this book, so a change after a crash repairs what an earlier one
 * missed.
 */
public interface ServingBook {

  /**
   * One port of an instance in service: the container port {@code target} (what the balancer
   * listens on inside the app's networks), what the service publishes on every host ({@code
   * published} 0 for nothing, on {@code hostIp} or the host's address), the instance's {@code
   * address} ("host:port" it answers on) and the networks its service is reached on (null, as rows
   * written before networks were, for the default one).
   */
  record Endpoint(
      int target,
      int published,
      String hostIp,
      String address,
      @Nullable List<NetworkAttachment> networks) {

    public List<NetworkAttachment> attachments() {
      return networks == null ? NetworkAttachment.DEFAULT_ONLY : networks;
    }
  }

  /** An app's service. */
  record ServiceKey(String app, String service) {}

  /** Puts the instance in service at {@code endpoints}. */
  void serve(String app, String service, int revision, int slot, List<Endpoint> endpoints);

  /** Takes the instance with this container out of service: its service, if it was in. */
  Optional<ServiceKey> withdraw(String containerId);

  /** Every service with an instance in service. */
  List<ServiceKey> served();

  /** The endpoints of every instance of the service in service. */
  List<Endpoint> serving(String app, String service);
}

package dev.baton.activities.state;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes of {@code hosts}: registration at boot, capacity and status. All idempotent. */
@Component
@Transactional
public class HostRegistry {

  private final HostRepository hosts;

  public HostRegistry(HostRepository hosts) {
    this.hosts = hosts;
  }

  /**
   * Registers a Docker engine, or updates the endpoint, address and labels of a known one; {@code
   * address} null: the one {@link HostAddress#of} derives from the endpoint, else (a unix socket)
   * the one a known host has. A new host is READY; a known host keeps its status, except that an
   * UNREACHABLE one is READY again (it is registered because the stack has it). DRAINING and
   * REMOVED are an operator's decisions and stay. Capacity is filled in later by {@link
   * #updateCapacity}. {@code initial}: the status of a host not known before; a host joined through
   * the API is UNREACHABLE until its first check (TLS, API version, capacity) passes, so nothing is
   * placed on an engine Baton has not talked to yet.
   */
  public void register(
      String name,
      String endpoint,
      @Nullable String address,
      Map<String, String> labels,
      HostStatus initial) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    hosts.register(
        name,
        endpoint,
        HostAddress.of(endpoint, address),
        HostAddress.LOCAL,
        StateJson.writeLabels(labels),
        initial.name());
  }

  /** Records what the engine reported. Returns false when no such host is registered. */
  public boolean updateCapacity(String name, int cpus, long memoryBytes, String apiVersion) {
    hosts.updateCapacity(name, cpus, memoryBytes, apiVersion);
    return exists(name);
  }

  /** Moves a host to {@code status}. Returns false when no such host is registered. */
  public boolean setStatus(String name, HostStatus status) {
    hosts.setStatus(name, status.name());
    return exists(name);
  }

  /** Why the host is not READY, for operators (null: nothing to say). */
  public void setMessage(String name, String message) {
    hosts.setMessage(name, message);
  }

  private boolean exists(String name) {
    return hosts.existsById(name);
  }
}

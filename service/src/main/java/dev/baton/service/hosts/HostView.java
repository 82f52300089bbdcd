package dev.baton.service.hosts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.activities.state.HostStatus;
import dev.baton.activities.state.StateJson;
import dev.baton.service.balancers.BalancerView;
import dev.baton.workflows.model.HostUsage;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Docker host: where it is (its API endpoint, the address it is reached by), what it has, what
 * its instances reserve, its balancers (one per app's service with TCP ports, and their state) and
 * (in detail) its instances.
 */
public record HostView(
    String name,
    String endpoint,
    String address,
    Map<String, String> labels,
    HostStatus status,
    @Nullable String apiVersion,
    @Nullable String message,
    Capacity capacity,
    Usage usage,
    List<BalancerView> balancers,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<HostInstance> instances) {

  /** What the engine reported at its last check. */
  public record Capacity(int cpus, long memoryBytes) {}

  /** What the instances placed on the host reserve. */
  public record Usage(int instances, double reservedCpus, long reservedMemoryBytes) {}

  static HostView of(
      HostRow row,
      HostUsage usage,
      List<BalancerView> balancers,
      @Nullable List<HostInstance> instances) {
    return new HostView(
        row.name(),
        row.endpoint(),
        row.address(),
        StateJson.readLabels(row.labels()),
        row.status(),
        row.apiVersion(),
        row.statusMessage(),
        new Capacity(row.cpus(), row.memoryBytes()),
        new Usage(usage.instances(), usage.cpus(), usage.memoryBytes()),
        balancers,
        instances);
  }
}

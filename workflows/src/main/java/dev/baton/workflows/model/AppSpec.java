package dev.baton.workflows.model;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A whole app as parsed from its Compose file. {@code services} is in {@code depends_on} order: a
 * service comes after everything it depends on. {@code placement} is {@code x-baton.placement}:
 * spread (default, null) or binpack.
 */
public record AppSpec(
    String app, List<ServiceSpec> services, long progressDeadlineMillis, String placement) {

  public static final long DEFAULT_PROGRESS_DEADLINE_MILLIS = 10 * 60_000L;
  public static final String SPREAD = "spread";
  public static final String BINPACK = "binpack";

  public AppSpec(String app, List<ServiceSpec> services, long progressDeadlineMillis) {
    this(app, services, progressDeadlineMillis, null);
  }

  public ServiceSpec service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  public boolean binpack() {
    return BINPACK.equals(placement);
  }

  /** The same app with the replica counts in {@code counts} (by service; others unchanged). */
  public AppSpec withReplicas(Map<String, Integer> counts) {
    return new AppSpec(
        app,
        services.stream()
            .map(s -> counts.containsKey(s.name()) ? s.withReplicas(counts.get(s.name())) : s)
            .toList(),
        progressDeadlineMillis,
        placement);
  }

  /** Each service's replica count. */
  public Map<String, Integer> replicaCounts() {
    return services.stream().collect(Collectors.toMap(ServiceSpec::name, ServiceSpec::replicas));
  }

  /** The same app with each service's update policy replaced by its rollback_config. */
  public AppSpec rollingBackWith() {
    return new AppSpec(
        app,
        services.stream().map(s -> s.withUpdate(s.rollback())).toList(),
        progressDeadlineMillis,
        placement);
  }
}

package dev.baton.workflows.model;

import java.util.List;

/**
 * A whole app as parsed from its Compose file. {@code services} is in {@code depends_on} order: a
 * service comes after everything it depends on.
 */
public record AppSpec(String app, List<ServiceSpec> services, long progressDeadlineMillis) {

  public static final long DEFAULT_PROGRESS_DEADLINE_MILLIS = 10 * 60_000L;

  public ServiceSpec service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }
}

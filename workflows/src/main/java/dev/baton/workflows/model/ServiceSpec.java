package dev.baton.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** One service of an app, with everything needed to run and roll it. */
public record ServiceSpec(
    String name,
    String image,
    List<String> command,
    List<String> entrypoint,
    Map<String, String> environment,
    List<PortSpec> ports,
    HealthCheck healthcheck,
    HttpProbe probe,
    List<String> dependsOn,
    Map<String, String> labels,
    int replicas,
    UpdatePolicy update,
    UpdatePolicy rollback,
    List<String> placementConstraints,
    Resources resources,
    boolean init,
    long stopGraceMillis,
    RestartPolicy restartPolicy,
    List<NetworkAttachment> networks,
    // Absent from a spec that sets none, so the digests of older files stay as they were.
    @JsonInclude(JsonInclude.Include.NON_NULL) ContainerOptions options,
    // deploy.mode global: replicas is the number of eligible hosts, one instance on each.
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean global,
    // Another service depends on it with service_completed_successfully: each instance runs once
    // and its gate is exit code 0, not health; self-healing leaves it be.
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean completes,
    // Compose volumes: named volumes pin the instance to their host.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Mount> mounts,
    // Compose secrets and configs (and relative file binds), by reference.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FileMount> files) {

  /** How long a run-to-completion instance may take: a migration, a seed, a build of assets. */
  public static final long COMPLETION_BUDGET_MILLIS = 10 * 60_000L;

  /** The networks the service is on: the app's default one when the spec names none. */
  public List<NetworkAttachment> attachments() {
    return networks == null || networks.isEmpty() ? NetworkAttachment.DEFAULT_ONLY : networks;
  }

  /** Every volume, bind and tmpfs the service mounts (none when the spec has none). */
  public List<Mount> volumeMounts() {
    return mounts == null ? List.of() : mounts;
  }

  /** The named volumes it mounts: what pins its instances to a host. */
  public List<Mount> namedVolumes() {
    return volumeMounts().stream().filter(Mount::named).toList();
  }

  /** The secrets and configs written into each container (none when the spec has none). */
  public List<FileMount> fileMounts() {
    return files == null ? List.of() : files;
  }

  public boolean holdsVolumes() {
    return !namedVolumes().isEmpty();
  }

  /** The restart policy self-healing honours (Swarm's defaults when the spec has none). */
  public RestartPolicy restart() {
    return restartPolicy == null ? RestartPolicy.defaults() : restartPolicy;
  }

  /** The same service with another replica count (what a scale changes). */
  public ServiceSpec withReplicas(int n) {
    return copy(n, update, completes);
  }

  /** The same service rolled with {@code policy} (a rollback uses its rollback_config). */
  public ServiceSpec withUpdate(UpdatePolicy policy) {
    return copy(replicas, policy, completes);
  }

  private ServiceSpec copy(int replicas, UpdatePolicy update, boolean completes) {
    return new ServiceSpec(
        name,
        image,
        command,
        entrypoint,
        environment,
        ports,
        healthcheck,
        probe,
        dependsOn,
        labels,
        replicas,
        update,
        rollback,
        placementConstraints,
        resources,
        init,
        stopGraceMillis,
        restartPolicy,
        networks,
        options,
        global,
        completes,
        mounts,
        files);
  }

  /** The same service run to completion (a service_completed_successfully dependency). */
  public ServiceSpec completing() {
    return copy(replicas, update, true);
  }

  /** How long a new instance of this service may take to become healthy (or to complete). */
  public long healthBudgetMillis() {
    if (completes) {
      return COMPLETION_BUDGET_MILLIS;
    }
    long budget = 2_000;
    if (healthcheck != null && !healthcheck.disabled()) {
      budget = Math.max(budget, healthcheck.budgetMillis());
    }
    if (probe != null) {
      budget = Math.max(budget, probe.budgetMillis());
    }
    return budget;
  }
}

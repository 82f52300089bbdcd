package dev.baton.workflows.model;

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
    List<NetworkAttachment> networks) {

  /** The networks the service is on: the app's default one when the spec names none. */
  public List<NetworkAttachment> attachments() {
    return networks == null || networks.isEmpty() ? NetworkAttachment.DEFAULT_ONLY : networks;
  }

  /** The restart policy self-healing honours (Swarm's defaults when the spec has none). */
  public RestartPolicy restart() {
    return restartPolicy == null ? RestartPolicy.defaults() : restartPolicy;
  }

  /** The same service with another replica count (what a scale changes). */
  public ServiceSpec withReplicas(int n) {
    return copy(n, update);
  }

  /** The same service rolled with {@code policy} (a rollback uses its rollback_config). */
  public ServiceSpec withUpdate(UpdatePolicy policy) {
    return copy(replicas, policy);
  }

  private ServiceSpec copy(int replicas, UpdatePolicy update) {
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
        networks);
  }

  /** How long a new instance of this service may take to become healthy. */
  public long healthBudgetMillis() {
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

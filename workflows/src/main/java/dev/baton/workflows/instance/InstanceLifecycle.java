package dev.baton.workflows.instance;

import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.CreateRequest;
import dev.baton.workflows.ports.DockerActivities;
import dev.baton.workflows.ports.HealthResult;
import dev.baton.workflows.ports.HealthWait;
import dev.baton.workflows.support.Ports;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The one path every instance takes, whoever moves it (deploy, scale, rollback, drain,
 * self-healing): place → pull → create-and-start → health gate → in service … out of service → stop
 * → remove. Each step is recorded in the runtime state and told to the mover's {@link
 * InstanceEvents}. A host that stops answering is dropped from this mover's hosts.
 */
public final class InstanceLifecycle {
  /** The {@code baton.operation} label of containers self-healing creates. */
  public static final String SELF_HEALING = "reconcile";

  private static final long DEFAULT_GRACE_MILLIS = 10_000;

  private final String app;
  private final String operationId;
  private final Ports ports;
  private final DockerActivities docker;
  private final Fleet fleet;
  private final List<Host> hosts;
  private final Supplier<Scheduler.Context> placement;
  private final InstanceEvents events;
  // Images are pulled on the hosts chosen by placement, once per host and image.
  private final Map<String, Promise<Void>> pulls = new HashMap<>();

  /**
   * {@code operationId}: the operation moving the instances, null for self-healing; {@code docker}:
   * the stub for quick calls (self-healing retries less than a rollout).
   */
  public InstanceLifecycle(
      String app,
      String operationId,
      Ports ports,
      DockerActivities docker,
      Fleet fleet,
      List<Host> hosts,
      Supplier<Scheduler.Context> placement,
      InstanceEvents events) {
    this.app = app;
    this.operationId = operationId;
    this.ports = ports;
    this.docker = docker;
    this.fleet = fleet;
    // A copy: hosts lost while moving are dropped from it.
    this.hosts = new ArrayList<>(hosts);
    this.placement = placement;
    this.events = events;
  }

  /** How a new or restarted instance came out of its health gate. */
  public record Gated(Instance instance, boolean healthy, String reason) {}

  public Fleet fleet() {
    return fleet;
  }

  /**
   * Chooses a host for the slot and reserves it in the fleet at once: the other slots in flight are
   * placed before this one's create returns, and must see it or they all land on the same host.
   */
  public Scheduler.Choice place(ServiceSpec spec, int revision, int slot, String preferred) {
    Scheduler.Context ctx = placement.get();
    Scheduler.Choice choice = Scheduler.place(hosts, spec, slot, fleet.all(), preferred, ctx);
    if (choice.host() == null) {
      events.unplaceable(spec.name(), revision, slot, choice.reason());
      return choice;
    }
    Instance reserved = reservation(spec.name(), revision, slot, choice.host(), "creating");
    fleet.put(reserved);
    if (!pinVolumes(spec, slot, choice.host(), ctx)) {
      fleet.remove(reserved);
      return place(spec, revision, slot, preferred); // another mover pinned one first: follow it
    }
    events.creating(reserved);
    return choice;
  }

  /**
   * Pins the slot's volumes that live nowhere yet to {@code host}: in the context at once (slots in
   * flight must see it), then in the runtime state. False when the state says one lives elsewhere.
   */
  private boolean pinVolumes(ServiceSpec spec, int slot, String host, Scheduler.Context ctx) {
    Map<String, String> unpinned = new TreeMap<>();
    for (Mount mount : spec.namedVolumes()) {
      if (ctx.volumeHost(mount, slot) == null) {
        unpinned.put(mount.key(slot), mount.dockerName(slot));
        ctx.volumes().put(mount.key(slot), host);
      }
    }
    if (unpinned.isEmpty()) {
      return true;
    }
    Map<String, String> pinned = ports.state().pinVolumes(app, host, unpinned);
    ctx.volumes().putAll(pinned);
    return unpinned.keySet().stream().allMatch(k -> host.equals(pinned.get(k)));
  }

  /** Pull (when the host lacks the image) → create-and-start → health gate, on a placed host. */
  public Gated start(ServiceSpec spec, int revision, int slot, String host, long budgetMillis) {
    if (!imagePresent(spec.name(), revision, host)) {
      pulls
          .computeIfAbsent(
              host + " " + spec.image(),
              k -> Async.procedure(ports.dockerPull()::pull, host, spec.image()))
          .get();
    }
    String label = operationId == null ? SELF_HEALING : operationId;
    // Create and start are one activity: one round trip through Temporal less per instance.
    Instance instance =
        docker.createAndStart(new CreateRequest(label, app, revision, slot, host, spec));
    return gate(spec, instance, budgetMillis);
  }

  /**
   * Creates the slot's container on {@code host} without starting it (a restore fills its fresh
   * volume first); {@link #restart} then starts it through the health gate.
   */
  public Instance create(ServiceSpec spec, int revision, int slot, String host) {
    String label = operationId == null ? SELF_HEALING : operationId;
    return docker.create(new CreateRequest(label, app, revision, slot, host, spec));
  }

  /**
   * Out of service → stop, keeping the container and its volumes where they are (a backup stops the
   * volume's writer); {@link #restart} brings it back through the health gate.
   */
  public Instance stop(ServiceSpec spec, Instance instance) {
    events.outOfService(instance);
    long grace = spec.stopGraceMillis();
    ports.dockerStop(grace).stop(instance.host(), instance.containerId(), grace);
    Instance stopped = docker.inspect(instance.host(), instance.containerId());
    fleet.put(stopped);
    ports.state().saveInstance(stopped, operationId);
    return stopped;
  }

  /** Starts an exited instance again where it is, through the same health gate. */
  public Gated restart(ServiceSpec spec, Instance old) {
    return gate(spec, docker.start(old.host(), old.containerId()), spec.healthBudgetMillis());
  }

  /**
   * Places and starts the slot; when the chosen host is lost, on another one. An instance that
   * fails its gate is removed.
   */
  public Gated launch(ServiceSpec spec, int revision, int slot, String preferred, long budget) {
    Scheduler.Choice choice = place(spec, revision, slot, preferred);
    if (choice.host() == null) {
      return new Gated(null, false, choice.reason());
    }
    Gated gated;
    try {
      gated = start(spec, revision, slot, choice.host(), budget);
    } catch (ActivityFailure e) {
      if (!lostHost(e, choice.host())) {
        throw e;
      }
      Instance lost = reservation(spec.name(), revision, slot, choice.host(), "lost");
      fleet.remove(lost);
      ports.state().forgetInstance(lost);
      events.lost(lost, true);
      return launch(spec, revision, slot, null, budget);
    }
    if (!gated.healthy()) {
      retire(spec, gated.instance());
    }
    return gated;
  }

  /** Out of service → stop → remove; an instance whose host is lost is forgotten instead. */
  public void retire(ServiceSpec spec, Instance instance) {
    long grace = spec == null ? DEFAULT_GRACE_MILLIS : spec.stopGraceMillis();
    events.outOfService(instance);
    try {
      ports.dockerStop(grace).stop(instance.host(), instance.containerId(), grace);
      docker.remove(instance.host(), instance.containerId());
    } catch (ActivityFailure e) {
      if (!lostHost(e, instance.host())) {
        throw e;
      }
      // It stopped serving with its engine; self-healing removes it when the host returns.
      fleet.remove(instance);
      ports.state().forgetInstance(instance);
      events.lost(instance, false);
      return;
    }
    fleet.remove(instance);
    ports.state().forgetInstance(instance);
    events.removed(instance);
  }

  /** Retires the instances in parallel and waits for all of them. */
  public void retireAll(ServiceSpec spec, List<Instance> instances) {
    List<Promise<Void>> retiring = new ArrayList<>();
    for (Instance instance : instances) {
      retiring.add(Async.procedure(() -> retire(spec, instance)));
    }
    Promise.allOf(retiring).get();
  }

  private Gated gate(ServiceSpec spec, Instance instance, long budgetMillis) {
    fleet.put(instance);
    ports.state().saveInstance(instance, operationId);
    events.started(instance);
    HealthResult health =
        ports
            .dockerLong(Duration.ofMillis(budgetMillis))
            .awaitHealthy(new HealthWait(instance, spec, budgetMillis));
    Instance checked = health.instance() == null ? instance : health.instance();
    fleet.put(checked);
    ports.state().saveInstance(checked, operationId);
    if (health.healthy()) {
      events.inService(checked);
      return new Gated(checked, true, null);
    }
    events.failed(checked, health.reason());
    return new Gated(checked, false, checked.containerName() + ": " + health.reason());
  }

  /** A running instance of the same revision on the host: its image is there, no pull needed. */
  private boolean imagePresent(String service, int revision, String host) {
    return fleet.of(service).stream()
        .anyMatch(i -> i.revision() == revision && host.equals(i.host()) && i.running());
  }

  /**
   * True when {@code failure} says the host check gave {@code host} up: the host is then dropped
   * (its slots are placed on the others, its old instances left for self-healing to remove when it
   * returns) instead of failing the move.
   */
  private boolean lostHost(ActivityFailure failure, String host) {
    if (!(failure.getCause() instanceof ApplicationFailure af)
        || !DockerActivities.HOST_UNREACHABLE.equals(af.getType())) {
      return false;
    }
    hosts.removeIf(h -> h.name().equals(host));
    return true;
  }

  private Instance reservation(String service, int revision, int slot, String host, String state) {
    String name = Instance.containerName(app, service, revision, slot);
    return new Instance(app, service, revision, slot, host, null, name, state, "none", null);
  }
}

package dev.baton.workflows.deploy;

import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy;
import dev.baton.workflows.model.UpdatePolicy.FailureAction;
import dev.baton.workflows.model.UpdatePolicy.Order;
import dev.baton.workflows.ports.CreateRequest;
import dev.baton.workflows.ports.DockerActivities;
import dev.baton.workflows.ports.HealthResult;
import dev.baton.workflows.ports.HealthWait;
import dev.baton.workflows.support.EventLog;
import dev.baton.workflows.support.Ports;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Converges one service to one revision: each slot that is not already running that revision gets a
 * new instance, health-gated, and its old instance is retired (with start-first, once its
 * replacement is healthy; with stop-first, before its replacement is created). Slots move through a
 * sliding window of {@code parallelism} ({@link SlotWindow}).
 */
final class ServiceRollout {
  private final String app;
  private final String operationId;
  private final Ports ports;
  private final Fleet fleet;
  private final List<Host> hosts;
  private final RolloutControl control;
  private final ProgressTracker progress;
  private final EventLog events;
  private final long progressDeadlineMillis;
  private final BiConsumer<OperationStatus, String> statusSink;
  private Scheduler.Context placement = Scheduler.Context.NONE;
  // Images are pulled on the hosts chosen by placement, once per host and image.
  private final Map<String, Promise<Void>> pulls = new HashMap<>();

  ServiceRollout(
      String app,
      String operationId,
      Ports ports,
      Fleet fleet,
      List<Host> hosts,
      RolloutControl control,
      ProgressTracker progress,
      EventLog events,
      long progressDeadlineMillis,
      BiConsumer<OperationStatus, String> statusSink) {
    this.app = app;
    this.operationId = operationId;
    this.ports = ports;
    this.fleet = fleet;
    // A copy: hosts lost during the rollout are dropped from it.
    this.hosts = new ArrayList<>(hosts);
    this.control = control;
    this.progress = progress;
    this.events = events;
    this.progressDeadlineMillis = progressDeadlineMillis;
    this.statusSink = statusSink;
  }

  /** Placement beyond the app's own instances: strategy and other apps' reservations. */
  void placement(Scheduler.Context placement) {
    this.placement = placement;
  }

  /** {@code rollingBack}: abort is ignored and failures never trigger another rollback. */
  RolloutOutcome run(ServiceSpec spec, int revision, UpdatePolicy policy, boolean rollingBack) {
    String name = spec.name();
    List<Integer> pending = new ArrayList<>();
    for (int slot = 1; slot <= spec.replicas(); slot++) {
      if (!fleet.settled(name, slot, revision)) {
        pending.add(slot);
      }
    }
    progress.service(name, revision, pending.size(), spec.replicas());
    events.add(
        "service.started",
        name,
        "r"
            + revision
            + ": "
            + pending.size()
            + " of "
            + spec.replicas()
            + " slots to roll, "
            + SlotWindow.size(policy, pending.size())
            + " at a time, "
            + policy.order().name().toLowerCase());
    SlotWindow window =
        new SlotWindow(
            name,
            spec.replicas(),
            spec.healthBudgetMillis(),
            policy,
            rollingBack,
            control,
            progress,
            events,
            progressDeadlineMillis,
            statusSink,
            new SlotWindow.Slots() {
              @Override
              public SlotResult replace(int slot, long budgetMillis) {
                return ServiceRollout.this.replace(
                    spec, revision, policy.order(), slot, budgetMillis);
              }

              @Override
              public void retire(Instance old) {
                ServiceRollout.this.retire(spec, old);
              }
            });
    SlotWindow.Result result = window.run(pending);
    if (result.stopped() != null) {
      return result.stopped();
    }
    return finish(
        spec,
        revision,
        policy,
        rollingBack,
        pending,
        new ArrayList<>(result.retiring()),
        result.failures(),
        result.exceeded(),
        result.lastFailure());
  }

  /** After the last slot: surplus instances go, the monitor window runs, the outcome. */
  private RolloutOutcome finish(
      ServiceSpec spec,
      int revision,
      UpdatePolicy policy,
      boolean rollingBack,
      List<Integer> pending,
      List<Promise<Void>> retiring,
      int failures,
      boolean exceeded,
      String lastFailure) {
    String name = spec.name();
    for (Instance extra : fleet.surplus(name, spec.replicas())) {
      retiring.add(Async.procedure(() -> retire(spec, extra)));
    }
    // The monitor window runs while old instances stop, so it rarely adds wall time.
    boolean monitor = !rollingBack && !pending.isEmpty() && policy.monitorMillis() > 0;
    if (monitor) {
      retiring.add(Async.procedure(Workflow::sleep, Duration.ofMillis(policy.monitorMillis())));
    }
    Promise.allOf(retiring).get();
    if (monitor) {
      List<String> lost = lostDuringMonitor(name, revision, pending);
      failures += lost.size();
      if (!lost.isEmpty()) {
        lastFailure = String.join(", ", lost) + " stopped running during the monitor window";
        events.add("service.monitor", name, lastFailure);
        if (failures > policy.maxFailureRatio() * spec.replicas()
            && policy.failureAction() == FailureAction.ROLLBACK) {
          return RolloutOutcome.failed(lastFailure);
        }
      }
    }
    if (exceeded) {
      return RolloutOutcome.degraded(
          failures + " instances of " + name + " failed: " + lastFailure);
    }
    events.add(
        "service.done", name, "r" + revision + ": " + spec.replicas() + " instances healthy");
    return RolloutOutcome.ok();
  }

  /** The new instances that are no longer running, as the hosts report them now. */
  private List<String> lostDuringMonitor(String service, int revision, List<Integer> slots) {
    List<Instance> now = ports.docker().list(app);
    now.forEach(fleet::put);
    List<String> lost = new ArrayList<>();
    for (Instance i : now) {
      if (i.service().equals(service)
          && i.revision() == revision
          && slots.contains(i.slot())
          && !i.running()) {
        lost.add(i.containerName() + " (" + i.state() + ")");
        progress.slot(service, i.slot(), revision, i.host(), "failed", i.state());
      }
    }
    return lost;
  }

  /** Removes every instance of a service (a service the target revision no longer has). */
  void removeAll(ServiceSpec spec, String service) {
    List<Promise<Void>> retiring = new ArrayList<>();
    for (Instance instance : fleet.of(service)) {
      retiring.add(Async.procedure(() -> retire(spec, instance)));
    }
    Promise.allOf(retiring).get();
  }

  /** Removes the instances of one revision of a service. */
  void removeRevision(ServiceSpec spec, int revision) {
    List<Promise<Void>> retiring = new ArrayList<>();
    for (Instance instance : fleet.of(spec.name())) {
      if (instance.revision() == revision) {
        retiring.add(Async.procedure(() -> retire(spec, instance)));
      }
    }
    Promise.allOf(retiring).get();
  }

  private SlotResult replace(
      ServiceSpec spec, int revision, Order order, int slot, long budgetMillis) {
    List<Instance> old = fleet.replaced(spec.name(), slot, revision);
    if (order == Order.STOP_FIRST) {
      old.forEach(o -> retire(spec, o));
    }
    String preferred = old.isEmpty() ? null : old.get(0).host();
    SlotResult result = launch(spec, revision, slot, preferred, budgetMillis);
    if (!result.healthy()) {
      return result;
    }
    return new SlotResult(true, null, order == Order.START_FIRST ? old : List.of());
  }

  private SlotResult launch(
      ServiceSpec spec, int revision, int slot, String preferred, long budgetMillis) {
    String name = spec.name();
    Scheduler.Choice choice = Scheduler.place(hosts, spec, slot, fleet.all(), preferred, placement);
    if (choice.host() == null) {
      progress.slot(name, slot, revision, null, "failed", choice.reason());
      events.add("instance.unplaceable", name, choice.reason());
      return new SlotResult(false, choice.reason(), List.of());
    }
    String host = choice.host();
    try {
      return launchOn(spec, revision, slot, host, budgetMillis);
    } catch (ActivityFailure e) {
      if (!lostHost(e, host)) {
        throw e;
      }
      String container = Instance.containerName(app, name, revision, slot);
      fleet.remove(container);
      ports.state().forgetInstance(lostInstance(name, revision, slot, host));
      events.add(
          "instance.lost",
          name,
          container + ": " + host + " is unreachable, placing slot " + slot + " on another host");
      return launch(spec, revision, slot, null, budgetMillis);
    }
  }

  private SlotResult launchOn(
      ServiceSpec spec, int revision, int slot, String host, long budgetMillis) {
    String name = spec.name();
    boolean imageThere = imagePresent(name, revision, host);
    // Reserve the host at once: the other slots in the window are placed before this create
    // returns, and must see this instance or they all land on the same host.
    fleet.put(
        new Instance(
            app,
            name,
            revision,
            slot,
            host,
            null,
            Instance.containerName(app, name, revision, slot),
            "creating",
            "none",
            null));
    progress.slot(name, slot, revision, host, "creating", null);
    if (!imageThere) {
      pulls
          .computeIfAbsent(
              host + " " + spec.image(),
              k -> Async.procedure(ports.dockerPull()::pull, host, spec.image()))
          .get();
    }
    CreateRequest create = new CreateRequest(operationId, app, revision, slot, host, spec);
    // Create and start are one activity: one round trip through Temporal less per instance.
    Instance instance = ports.docker().createAndStart(create);
    fleet.put(instance);
    ports.state().saveInstance(instance, operationId);
    progress.slot(name, slot, revision, host, "health-checking", null);
    HealthResult health =
        ports
            .dockerLong(Duration.ofMillis(budgetMillis))
            .awaitHealthy(new HealthWait(instance, spec, budgetMillis));
    Instance checked = health.instance() == null ? instance : health.instance();
    fleet.put(checked);
    ports.state().saveInstance(checked, operationId);
    String label = checked.containerName() + " on " + host;
    if (health.healthy()) {
      progress.slot(name, slot, revision, host, "healthy", checked.address());
      events.add("instance.healthy", name, label + " healthy at " + checked.address());
      return new SlotResult(true, null, List.of());
    }
    progress.slot(name, slot, revision, host, "failed", health.reason());
    events.add("instance.failed", name, label + ": " + health.reason());
    retire(spec, checked);
    return new SlotResult(false, checked.containerName() + ": " + health.reason(), List.of());
  }

  private void retire(ServiceSpec spec, Instance instance) {
    long grace = spec == null ? 10_000 : spec.stopGraceMillis();
    try {
      ports.dockerStop(grace).stop(instance.host(), instance.containerId(), grace);
      ports.docker().remove(instance.host(), instance.containerId());
    } catch (ActivityFailure e) {
      if (!lostHost(e, instance.host())) {
        throw e;
      }
      // It stopped serving with its engine; self-healing removes it when the host returns.
      fleet.remove(instance);
      ports.state().forgetInstance(instance);
      events.add(
          "instance.lost",
          instance.service(),
          instance.containerName()
              + ": "
              + instance.host()
              + " is unreachable, left for removal when it returns");
      return;
    }
    fleet.remove(instance);
    ports.state().forgetInstance(instance);
    events.add("instance.removed", instance.service(), instance.containerName() + " removed");
  }

  /** A running instance of the same revision on the host: its image is there, no pull needed. */
  private boolean imagePresent(String service, int revision, String host) {
    return fleet.of(service).stream()
        .anyMatch(i -> i.revision() == revision && host.equals(i.host()) && i.running());
  }

  /**
   * True when {@code failure} says the host check gave {@code host} up: the host is then dropped
   * from the rollout (its slots are placed on the others, its old instances left for self-healing
   * to remove when it returns) instead of failing the operation.
   */
  private boolean lostHost(ActivityFailure failure, String host) {
    if (!(failure.getCause() instanceof ApplicationFailure af)
        || !DockerActivities.HOST_UNREACHABLE.equals(af.getType())) {
      return false;
    }
    hosts.removeIf(h -> h.name().equals(host));
    return true;
  }

  private Instance lostInstance(String service, int revision, int slot, String host) {
    return new Instance(
        app,
        service,
        revision,
        slot,
        host,
        null,
        Instance.containerName(app, service, revision, slot),
        "lost",
        "none",
        null);
  }

  private void setStatus(OperationStatus status, String phase) {
    statusSink.accept(status, phase);
  }

  /** A slot's result; {@code retire}: old instances to stop once the slot is healthy. */
  record SlotResult(boolean healthy, String reason, List<Instance> retire) {}
}

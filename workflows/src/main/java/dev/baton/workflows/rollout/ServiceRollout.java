package dev.baton.workflows.rollout;

import dev.baton.workflows.instance.Fleet;
import dev.baton.workflows.instance.InstanceLifecycle;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy;
import dev.baton.workflows.model.UpdatePolicy.FailureAction;
import dev.baton.workflows.model.UpdatePolicy.Order;
import dev.baton.workflows.support.EventLog;
import dev.baton.workflows.support.Ports;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Converges one service to one revision: each slot that is not already running that revision gets a
 * new instance, health-gated, and its old instance is retired (with start-first, once its
 * replacement is healthy; with stop-first, before its replacement is created). Slots move through a
 * sliding window of {@code parallelism} ({@link SlotWindow}); every instance moves through the
 * {@link InstanceLifecycle}.
 */
final class ServiceRollout {
  private final String app;
  private final Ports ports;
  private final InstanceLifecycle lifecycle;
  private final Fleet fleet;
  private final RolloutControl control;
  private final ProgressTracker progress;
  private final EventLog events;
  private final long progressDeadlineMillis;
  private final BiConsumer<OperationStatus, String> statusSink;

  ServiceRollout(
      String app,
      Ports ports,
      InstanceLifecycle lifecycle,
      RolloutControl control,
      ProgressTracker progress,
      EventLog events,
      long progressDeadlineMillis,
      BiConsumer<OperationStatus, String> statusSink) {
    this.app = app;
    this.ports = ports;
    this.lifecycle = lifecycle;
    this.fleet = lifecycle.fleet();
    this.control = control;
    this.progress = progress;
    this.events = events;
    this.progressDeadlineMillis = progressDeadlineMillis;
    this.statusSink = statusSink;
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
            spec,
            policy,
            rollingBack,
            new SlotWindow.Steering(control, progress, events, progressDeadlineMillis, statusSink),
            new SlotWindow.Slots() {
              @Override
              public SlotWindow.SlotResult replace(int slot, long budgetMillis) {
                return ServiceRollout.this.replace(
                    spec, revision, policy.order(), slot, budgetMillis);
              }

              @Override
              public void retire(Instance old) {
                lifecycle.retire(spec, old);
              }
            });
    SlotWindow.Result result = window.run(pending);
    if (result.stopped() != null) {
      return result.stopped();
    }
    return finish(spec, revision, policy, rollingBack, pending, result);
  }

  /** After the last slot: surplus instances go, the monitor window runs, the outcome. */
  private RolloutOutcome finish(
      ServiceSpec spec,
      int revision,
      UpdatePolicy policy,
      boolean rollingBack,
      List<Integer> pending,
      SlotWindow.Result result) {
    String name = spec.name();
    List<Promise<Void>> retiring = new ArrayList<>(result.retiring());
    for (Instance extra : fleet.surplus(name, spec.replicas())) {
      retiring.add(Async.procedure(() -> lifecycle.retire(spec, extra)));
    }
    // The monitor window runs while old instances stop, so it rarely adds wall time.
    // A job's instances are meant to have exited: there is nothing to watch.
    boolean monitor =
        !rollingBack && !pending.isEmpty() && policy.monitorMillis() > 0 && !spec.completes();
    if (monitor) {
      retiring.add(Async.procedure(Workflow::sleep, Duration.ofMillis(policy.monitorMillis())));
    }
    Promise.allOf(retiring).get();
    int failures = result.failures();
    String lastFailure = result.lastFailure();
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
    if (result.exceeded()) {
      return RolloutOutcome.degraded(
          failures + " instances of " + name + " failed: " + lastFailure);
    }
    events.add(
        "service.done",
        name,
        "r"
            + revision
            + ": "
            + spec.replicas()
            + (spec.completes() ? " instances completed" : " instances healthy"));
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
  void removeAll(ServiceSpec spec) {
    lifecycle.retireAll(spec, fleet.of(spec.name()));
  }

  /** Removes the instances of one revision of a service. */
  void removeRevision(ServiceSpec spec, int revision) {
    lifecycle.retireAll(
        spec, fleet.of(spec.name()).stream().filter(i -> i.revision() == revision).toList());
  }

  private SlotWindow.SlotResult replace(
      ServiceSpec spec, int revision, Order order, int slot, long budgetMillis) {
    List<Instance> old = fleet.replaced(spec.name(), slot, revision);
    if (order == Order.STOP_FIRST) {
      old.forEach(o -> lifecycle.retire(spec, o));
    }
    String preferred = old.isEmpty() ? null : old.get(0).host();
    InstanceLifecycle.Gated gated = lifecycle.launch(spec, revision, slot, preferred, budgetMillis);
    if (!gated.healthy()) {
      return new SlotWindow.SlotResult(false, gated.reason(), List.of());
    }
    return new SlotWindow.SlotResult(true, null, order == Order.START_FIRST ? old : List.of());
  }
}

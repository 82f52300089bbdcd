package dev.baton.workflows.heal;

import dev.baton.workflows.instance.Fleet;
import dev.baton.workflows.instance.InstanceLifecycle;
import dev.baton.workflows.instance.Scheduler;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.RestartPolicy;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.DockerActivities;
import dev.baton.workflows.rollout.SlotWindow;
import dev.baton.workflows.support.EventLog;
import dev.baton.workflows.support.Ports;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Self-healing, run by the app's controller between operations: compares the desired instances
 * (each service's replicas, named after the running revision) with what the hosts report, and
 * repairs the difference: {@link RepairPlan} says what to do, this class does it. An exited
 * container is restarted in place; a missing one (removed by hand, or on a host that is gone) is
 * placed again; one on a host that takes no new instances (draining) is moved, replacement first;
 * containers with the app's labels that are not desired (orphans, duplicates) are removed. Every
 * repair is an app-level event.
 */
public final class Reconciler {
  private final String app;
  private final Ports ports;
  private final EventLog events;
  private final CrashLoop crashLoop;
  // Slot -> host of the copy kept or placed last: on a tie (a lost host returns with its old
  // copy still running), the replacement stays and the stale copy goes.
  private final Map<String, String> lastHost = new HashMap<>();
  // Few retries: a host that does not answer must not hold the app's controller for minutes.
  private final DockerActivities docker;

  public Reconciler(String app, Ports ports, EventLog events) {
    this.app = app;
    this.ports = ports;
    this.events = events;
    this.crashLoop = new CrashLoop();
    this.docker = Ports.fewTries(DockerActivities.class, Duration.ofSeconds(30), 3);
  }

  /** One pass; returns true when it changed anything. */
  public boolean reconcile(AppSpec spec, int revision) {
    long now = Workflow.currentTimeMillis();
    List<Host> ready = ports.state().readyHosts();
    Set<String> readyNames = ready.stream().map(Host::name).collect(Collectors.toSet());
    RepairPlan plan = RepairPlan.of(spec, revision, docker.list(app), readyNames, lastHost);
    plan.kept().forEach((key, keep) -> lastHost.put(key, keep.host()));
    plan.stable().forEach(key -> crashLoop.running(key, now));
    InstanceLifecycle lifecycle =
        new InstanceLifecycle(
            app,
            null,
            ports,
            docker,
            new Fleet(List.copyOf(plan.kept().values())),
            ready,
            placementFor(spec),
            new RepairNarration(events));
    for (Instance o : plan.remove()) {
      events.add(
          "reconcile.orphan",
          o.service(),
          o.containerName() + " on " + o.host() + " is not desired (" + o.state() + "): removing");
      lifecycle.retire(spec.service(o.service()), o);
    }
    boolean changed = !plan.remove().isEmpty();
    // Service by service, as the spec lists them: its slots' repairs, then its moves.
    List<Runnable> steps = new ArrayList<>();
    for (RepairPlan.ServiceFix f : plan.fix()) {
      ServiceSpec s = f.service();
      for (RepairPlan.Repair r : f.repairs()) {
        steps.add(() -> repair(lifecycle, s, revision, r.slot(), r.old(), readyNames));
      }
      if (!f.moves().isEmpty()) {
        steps.add(() -> move(lifecycle, s, revision, f.moves()));
      }
    }
    for (Runnable step : steps) {
      int before = events.lastSeq();
      try {
        step.run();
      } catch (ActivityFailure e) {
        // A host failed mid-repair: say so, and let the next pass try again.
        events.add("reconcile.error", null, String.valueOf(e.getCause().getMessage()));
      }
      changed |= events.lastSeq() != before;
    }
    if (changed) {
      ports.state().syncInstances(app, docker.list(app));
    }
    return changed;
  }

  /** Restarts or replaces one slot, as the restart policy and the crash-loop backoff allow. */
  private void repair(
      InstanceLifecycle lifecycle,
      ServiceSpec s,
      int revision,
      int slot,
      Instance old,
      Set<String> readyNames) {
    RestartPolicy policy = s.restart();
    String key = RepairPlan.key(s.name(), slot);
    String name = Instance.containerName(app, s.name(), revision, slot);
    if (policy.condition() == RestartPolicy.Condition.NONE) {
      return;
    }
    long now = Workflow.currentTimeMillis();
    switch (crashLoop.decide(key, policy, now)) {
      case WAIT -> {
        if (crashLoop.announce(key)) {
          events.add(
              "reconcile.backoff",
              s.name(),
              name
                  + " keeps failing: next attempt in "
                  + crashLoop.waitMillis(key, policy, now) / 1000
                  + " s");
        }
        return;
      }
      case GIVE_UP -> {
        if (crashLoop.announce(key)) {
          events.add(
              "reconcile.gave-up",
              s.name(),
              name + ": restart_policy.max_attempts " + policy.maxAttempts() + " reached");
        }
        return;
      }
      default -> crashLoop.attempted(key, now);
    }
    if (old != null && readyNames.contains(old.host())) {
      events.add(
          "reconcile.restart",
          s.name(),
          name + " on " + old.host() + " is " + old.state() + ": restarting");
      lifecycle.restart(s, old);
      return;
    }
    if (old != null) {
      lifecycle.retire(s, old);
    }
    Scheduler.Choice choice = lifecycle.place(s, revision, slot, null);
    if (choice.host() == null) {
      return;
    }
    events.add(
        "reconcile.replace", s.name(), name + " is missing: starting it on " + choice.host());
    lastHost.put(key, choice.host());
    lifecycle.start(s, revision, slot, choice.host(), s.healthBudgetMillis());
  }

  /**
   * Moves instances off hosts that take no new ones (a drain), replacement first, through the same
   * sliding window as a rollout, as wide as the service's update parallelism.
   */
  private void move(
      InstanceLifecycle lifecycle, ServiceSpec s, int revision, List<Instance> moving) {
    Map<Integer, Instance> bySlot = new TreeMap<>();
    moving.forEach(old -> bySlot.put(old.slot(), old));
    SlotWindow.unsteered(
        s,
        List.copyOf(bySlot.keySet()),
        new SlotWindow.Slots() {
          @Override
          public SlotWindow.SlotResult replace(int slot, long budgetMillis) {
            Instance old = bySlot.get(slot);
            Scheduler.Choice choice = lifecycle.place(s, revision, slot, null);
            if (choice.host() == null) {
              return new SlotWindow.SlotResult(false, choice.reason(), List.of());
            }
            events.add(
                "reconcile.move",
                s.name(),
                old.containerName() + ": moving from " + old.host() + " to " + choice.host());
            InstanceLifecycle.Gated gated =
                lifecycle.start(s, revision, slot, choice.host(), budgetMillis);
            if (!gated.healthy()) {
              return new SlotWindow.SlotResult(false, gated.reason(), List.of());
            }
            lastHost.put(RepairPlan.key(s.name(), slot), choice.host());
            return new SlotWindow.SlotResult(true, null, List.of(old));
          }

          @Override
          public void retire(Instance old) {
            lifecycle.retire(s, old);
          }
        });
  }

  /** Other apps' usage is read only when a repair places something. */
  private Supplier<Scheduler.Context> placementFor(AppSpec spec) {
    Scheduler.Context[] read = new Scheduler.Context[1];
    return () -> {
      if (read[0] == null) {
        read[0] = Scheduler.Context.read(spec, app, ports.state());
      }
      return read[0];
    };
  }
}

package dev.baton.workflows.heal;

import dev.baton.workflows.deploy.Scheduler;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.RestartPolicy;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.CreateRequest;
import dev.baton.workflows.ports.DockerActivities;
import dev.baton.workflows.ports.HealthResult;
import dev.baton.workflows.ports.HealthWait;
import dev.baton.workflows.support.Ports;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Self-healing, run by the app's controller between operations: compares the desired instances
 * (each service's replicas, named after the running revision) with what the hosts report, and
 * repairs the difference. An exited container is restarted in place; a missing one (removed by
 * hand, or on a host that is gone) is placed again; one on a host that takes no new instances
 * (draining) is moved, replacement first; containers with the app's labels that are not desired
 * (orphans, duplicates) are removed. Every repair is an app-level event.
 */
public final class Reconciler {
  /** The label value of {@code baton.operation} on containers self-healing creates. */
  public static final String OPERATION = "reconcile";

  private final String app;
  private final Ports ports;
  private final AppEvents events;
  private final CrashLoop crashLoop;
  // Slot -> host of the copy kept or placed last: on a tie (a lost host returns with its old
  // copy still running), the replacement stays and the stale copy goes.
  private final Map<String, String> lastHost = new HashMap<>();
  // Few retries: a host that does not answer must not hold the app's controller for minutes.
  private final DockerActivities docker;

  public Reconciler(String app, Ports ports, AppEvents events) {
    this.app = app;
    this.ports = ports;
    this.events = events;
    // Version 1: a slot running 10 s after its repair is forgiven (was 60 s).
    this.crashLoop =
        new CrashLoop(
            Workflow.getVersion("crash-loop-forgive", Workflow.DEFAULT_VERSION, 1) >= 1
                ? CrashLoop.DOCKER_FORGIVE_MILLIS
                : CrashLoop.STABLE_MILLIS);
    this.docker =
        Workflow.newActivityStub(
            DockerActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .build());
  }

  /** One pass; returns true when it changed anything. */
  public boolean reconcile(AppSpec spec, int revision) {
    long now = Workflow.currentTimeMillis();
    List<Host> ready = ports.state().readyHosts();
    Set<String> readyNames = ready.stream().map(Host::name).collect(Collectors.toSet());
    List<Instance> seen = docker.list(app);
    Map<String, List<Instance>> bySlot = new TreeMap<>();
    List<Instance> orphans = new ArrayList<>();
    for (Instance i : seen) {
      ServiceSpec s = i.service() == null ? null : spec.service(i.service());
      if (s == null || i.revision() != revision || i.slot() < 1 || i.slot() > s.replicas()) {
        orphans.add(i);
      } else {
        bySlot.computeIfAbsent(key(i.service(), i.slot()), k -> new ArrayList<>()).add(i);
      }
    }
    Placement placement = new Placement(spec, ready);
    List<Runnable> repairs = new ArrayList<>();
    for (ServiceSpec s : spec.services()) {
      List<Instance> moving = new ArrayList<>();
      for (int slot = 1; slot <= s.replicas(); slot++) {
        List<Instance> copies = bySlot.getOrDefault(key(s.name(), slot), List.of());
        Instance keep = best(copies, readyNames, lastHost.get(key(s.name(), slot)));
        copies.stream().filter(c -> c != keep).forEach(orphans::add);
        if (keep != null) {
          placement.placed.add(keep);
          lastHost.put(key(s.name(), slot), keep.host());
        }
        int n = slot;
        if (keep == null || !keep.running()) {
          repairs.add(() -> repair(s, revision, n, keep, readyNames, placement));
        } else if (!readyNames.contains(keep.host())) {
          moving.add(keep);
        } else {
          crashLoop.running(key(s.name(), slot), now);
        }
      }
      if (!moving.isEmpty()) {
        repairs.add(() -> move(s, revision, moving, placement));
      }
    }
    for (Instance o : orphans) {
      events.add(
          "reconcile.orphan",
          o.service(),
          o.containerName() + " on " + o.host() + " is not desired (" + o.state() + "): removing");
      retire(o, spec.service(o.service()));
    }
    boolean changed = !orphans.isEmpty();
    for (Runnable r : repairs) {
      int before = events.lastSeq();
      try {
        r.run();
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
      ServiceSpec s,
      int revision,
      int slot,
      Instance old,
      Set<String> readyNames,
      Placement placement) {
    RestartPolicy policy = s.restart();
    String key = key(s.name(), slot);
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
    Instance started;
    if (old != null && readyNames.contains(old.host())) {
      events.add(
          "reconcile.restart",
          s.name(),
          name + " on " + old.host() + " is " + old.state() + ": restarting");
      started = docker.start(old.host(), old.containerId());
    } else {
      if (old != null) {
        retire(old, s);
      }
      Scheduler.Choice choice =
          Scheduler.place(placement.ready, s, slot, placement.placed, null, placement.context());
      if (choice.host() == null) {
        events.add("reconcile.unplaceable", s.name(), choice.reason());
        return;
      }
      events.add(
          "reconcile.replace", s.name(), name + " is missing: starting it on " + choice.host());
      Instance created =
          docker.create(new CreateRequest(OPERATION, app, revision, slot, choice.host(), s));
      placement.placed.add(created);
      lastHost.put(key, created.host());
      started = docker.start(created.host(), created.containerId());
    }
    gate(s, started);
  }

  /** Moves instances off hosts that take no new ones, replacement first, in update batches. */
  private void move(ServiceSpec s, int revision, List<Instance> moving, Placement placement) {
    int size =
        Math.max(1, s.update().parallelism() <= 0 ? moving.size() : s.update().parallelism());
    for (int from = 0; from < moving.size(); from += size) {
      List<Promise<Void>> batch = new ArrayList<>();
      for (Instance old : moving.subList(from, Math.min(moving.size(), from + size))) {
        Scheduler.Choice choice =
            Scheduler.place(
                placement.ready, s, old.slot(), placement.placed, null, placement.context());
        if (choice.host() == null) {
          events.add("reconcile.unplaceable", s.name(), choice.reason());
          continue;
        }
        Instance reserved =
            new Instance(
                app,
                s.name(),
                revision,
                old.slot(),
                choice.host(),
                null,
                old.containerName(),
                "creating",
                "none",
                null);
        placement.placed.add(reserved);
        events.add(
            "reconcile.move",
            s.name(),
            old.containerName() + ": moving from " + old.host() + " to " + choice.host());
        batch.add(
            Async.procedure(
                () -> {
                  Instance created =
                      docker.create(
                          new CreateRequest(
                              OPERATION, app, revision, old.slot(), choice.host(), s));
                  Instance started = docker.start(created.host(), created.containerId());
                  if (gate(s, started)) {
                    lastHost.put(key(s.name(), old.slot()), created.host());
                    retire(old, s);
                  }
                }));
      }
      Promise.allOf(batch).get();
    }
  }

  /** Waits for the health gate; a failure is an event and counts toward the crash loop. */
  private boolean gate(ServiceSpec s, Instance started) {
    long budget = s.healthBudgetMillis();
    HealthResult health =
        ports
            .dockerLong(Duration.ofMillis(budget))
            .awaitHealthy(new HealthWait(started, s, budget));
    String label = started.containerName() + " on " + started.host();
    if (health.healthy()) {
      events.add("reconcile.healthy", s.name(), label + " healthy");
      return true;
    }
    events.add("reconcile.failed", s.name(), label + ": " + health.reason());
    return false;
  }

  private void retire(Instance instance, ServiceSpec spec) {
    long grace = spec == null ? 10_000 : spec.stopGraceMillis();
    ports.dockerStop(grace).stop(instance.host(), instance.containerId(), grace);
    docker.remove(instance.host(), instance.containerId());
  }

  /**
   * The copy of a slot to keep: running on a ready host, else running, else any; on a tie, the one
   * on the host it was last kept on.
   */
  private static Instance best(List<Instance> copies, Set<String> readyNames, String lastHost) {
    Instance best = null;
    int bestScore = -1;
    for (Instance c : copies) {
      int score =
          (c.running() ? 4 : 0)
              + (readyNames.contains(c.host()) ? 2 : 0)
              + (c.host().equals(lastHost) ? 1 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  private static String key(String service, int slot) {
    return service + "/" + slot;
  }

  /** What placement needs, with other apps' usage read only when a repair places something. */
  private final class Placement {
    final AppSpec spec;
    final List<Host> ready;
    final List<Instance> placed = new ArrayList<>();
    private Scheduler.Context context;

    Placement(AppSpec spec, List<Host> ready) {
      this.spec = spec;
      this.ready = ready;
    }

    Scheduler.Context context() {
      if (context == null) {
        context = new Scheduler.Context(spec, ports.state().hostUsage(app));
      }
      return context;
    }
  }
}

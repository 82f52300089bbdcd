package dev.baton.workflows.rollout;

import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy;
import dev.baton.workflows.model.UpdatePolicy.FailureAction;
import dev.baton.workflows.support.EventLog;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Parallelism as a sliding window, the way Swarm's updater runs it: {@code parallelism} workers
 * each take the next slot as soon as their previous one is done, so a slow instance never holds up
 * the others. Pause, abort, the progress deadline and the failure ratio are checked before every
 * slot (not between batches); a slot already in flight always finishes.
 */
public final class SlotWindow {

  /** A slot's result; {@code retire}: old instances to stop once the slot is healthy. */
  public record SlotResult(boolean healthy, String reason, List<Instance> retire) {}

  /** What the window does to one slot: replace it, and retire an old instance. */
  public interface Slots {
    SlotResult replace(int slot, long budgetMillis);

    void retire(Instance old);
  }

  /**
   * How the window ended: {@code stopped} is the outcome when the rollout must not go on (aborted,
   * or failed with failure_action rollback), otherwise null; old instances still stopping are in
   * {@code retiring}.
   */
  record Result(
      RolloutOutcome stopped,
      int failures,
      boolean exceeded,
      String lastFailure,
      List<Promise<Void>> retiring) {}

  /**
   * Who steers a window: pause and abort ({@code control}), progress reports, events, the progress
   * deadline and status changes.
   */
  record Steering(
      RolloutControl control,
      ProgressTracker progress,
      EventLog events,
      long deadlineMillis,
      BiConsumer<OperationStatus, String> statusSink) {}

  private final String service;
  private final int replicas;
  private final long healthBudgetMillis;
  private final UpdatePolicy policy;
  private final boolean rollingBack;
  private final RolloutControl control;
  private final ProgressTracker progress;
  private final Steering steering;
  private final Slots slots;

  private final Deque<Integer> queue = new ArrayDeque<>();
  private final List<Promise<Void>> retiring = new ArrayList<>();
  private int total;
  private int started;
  private int inFlight;
  private int failures;
  private boolean exceeded;
  private String lastFailure;
  private long progressAt;
  // Set when the rollout must stop: failure_action rollback (reason), or past the deadline with
  // failure_action continue (no reason: the remaining slots are skipped, the outcome is degraded).
  private String failedReason;
  private boolean halted;
  // One worker reports a pause and its end; the others only wait.
  private boolean pauseReported;
  private long pausedAt;
  private String pauseReason;

  /** {@code policy}: the spec's own, or the rollback's; {@code rollingBack}: nothing stops it. */
  SlotWindow(
      ServiceSpec spec, UpdatePolicy policy, boolean rollingBack, Steering steering, Slots slots) {
    service = spec.name();
    replicas = spec.replicas();
    healthBudgetMillis = spec.healthBudgetMillis();
    this.policy = policy;
    this.rollingBack = rollingBack;
    control = steering.control();
    progress = steering.progress();
    this.steering = steering;
    this.slots = slots;
  }

  /**
   * Runs the slots through a window nobody steers, for self-healing's moves (a drain): no pause,
   * abort or deadline, and a failure never stops it (the next pass repairs what did not move).
   */
  public static void unsteered(ServiceSpec spec, List<Integer> pending, Slots slots) {
    ProgressTracker untold = new ProgressTracker(null, 0);
    untold.service(spec.name(), 0, pending.size(), spec.replicas());
    Steering none =
        new Steering(new RolloutControl(), untold, null, Long.MAX_VALUE, (status, phase) -> {});
    SlotWindow window = new SlotWindow(spec, spec.update(), true, none, slots);
    Promise.allOf(window.run(pending).retiring()).get();
  }

  /** The window size for this many slots: parallelism 0 means all at once. */
  static int size(UpdatePolicy policy, int pending) {
    return policy.parallelism() <= 0 ? Math.max(1, pending) : policy.parallelism();
  }

  Result run(List<Integer> pending) {
    queue.addAll(pending);
    total = pending.size();
    progressAt = Workflow.currentTimeMillis();
    int workers = Math.min(size(policy, pending.size()), pending.size());
    List<Promise<Void>> running = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      running.add(Async.procedure(this::worker));
    }
    Promise.allOf(running).get();
    RolloutOutcome stopped = null;
    if (!rollingBack && control.aborted()) {
      stopped = RolloutOutcome.aborted(control.abortReason());
    } else if (failedReason != null) {
      stopped = RolloutOutcome.failed(failedReason);
    }
    if (stopped != null) {
      Promise.allOf(retiring).get();
    }
    return new Result(stopped, failures, exceeded, lastFailure, retiring);
  }

  /** One of the window's workers: next slot, wait for it, then the update delay, until done. */
  private void worker() {
    while (gate()) {
      int slot = queue.poll();
      started++;
      inFlight++;
      progress.batch(service, started);
      progress.phase(phase());
      long deadlineLeft = steering.deadlineMillis() - (Workflow.currentTimeMillis() - progressAt);
      long budget = Math.max(1_000, Math.min(healthBudgetMillis, deadlineLeft));
      SlotResult result = slots.replace(slot, budget);
      inFlight--;
      if (result.healthy()) {
        progressAt = Workflow.currentTimeMillis();
        // Start-first: the old instance goes as soon as its own replacement is healthy.
        for (Instance old : result.retire()) {
          retiring.add(Async.procedure(() -> slots.retire(old)));
        }
      } else {
        failures++;
        lastFailure = result.reason();
        progress.failure(service);
        boolean pastDeadline =
            Workflow.currentTimeMillis() - progressAt >= steering.deadlineMillis();
        if (pastDeadline || failures > policy.maxFailureRatio() * replicas) {
          failureAction(pastDeadline);
        }
      }
      if (!pauseReported) {
        progress.phase(phase()); // while paused, the phase says so
      }
      if (policy.delayMillis() > 0 && !queue.isEmpty()) {
        Workflow.sleep(Duration.ofMillis(policy.delayMillis()));
      }
    }
  }

  /**
   * Before each slot: false when no further slot may start (none left, aborted, failed, or past the
   * deadline with continue); blocks while paused.
   */
  private boolean gate() {
    while (true) {
      if (pauseReason != null && !pauseReported && !control.paused()) {
        // A failure pause resumed before any worker reached a gate: the same as a resume.
        progressAt = Workflow.currentTimeMillis();
        failures = 0;
        pauseReason = null;
      }
      if (queue.isEmpty() || failedReason != null || halted) {
        return false;
      }
      if (!rollingBack && control.aborted()) {
        return false;
      }
      if (!rollingBack && control.paused()) {
        awaitResume();
        continue;
      }
      // The deadline counts time without progress (delays included, pauses not).
      if (!rollingBack && Workflow.currentTimeMillis() - progressAt >= steering.deadlineMillis()) {
        failureAction(true);
        if (policy.failureAction() == FailureAction.CONTINUE) {
          halted = true;
        }
        continue;
      }
      return true;
    }
  }

  private void awaitResume() {
    if (!pauseReported) {
      pauseReported = true;
      pausedAt = Workflow.currentTimeMillis();
      String phase =
          pauseReason == null
              ? "paused before slot " + (started + 1) + " of " + total
              : "paused on failure: " + pauseReason;
      steering.statusSink().accept(OperationStatus.PAUSED, phase);
    }
    Workflow.await(() -> !control.paused() || control.aborted() || failedReason != null);
    if (pauseReported && !control.paused() && !control.aborted()) {
      pauseReported = false;
      if (pauseReason != null) {
        // Resumed after a failure pause: the failures so far were seen and accepted.
        progressAt = Workflow.currentTimeMillis();
        failures = 0;
        pauseReason = null;
      } else {
        progressAt += Workflow.currentTimeMillis() - pausedAt;
      }
      steering.statusSink().accept(OperationStatus.RUNNING, "resumed");
    }
  }

  /** Past the failure ratio or the deadline: rollback stops, pause pauses, continue goes on. */
  private void failureAction(boolean pastDeadline) {
    if (rollingBack || failedReason != null || pauseReason != null) {
      return;
    }
    String reason =
        pastDeadline
            ? "progress deadline of "
                + steering.deadlineMillis() / 1000
                + "s exceeded: "
                + lastFailure
            : failures + " of " + replicas + " instances of " + service + " failed: " + lastFailure;
    FailureAction action = policy.failureAction();
    exceeded = true;
    if (action == FailureAction.ROLLBACK) {
      failedReason = reason;
    } else if (action == FailureAction.PAUSE) {
      pauseReason = reason;
      progress.error(reason);
      control.pause();
    }
    steering.events().add("service.failure", service, reason + " (failure_action " + action + ")");
  }

  private String phase() {
    return service
        + " "
        + (started - inFlight)
        + "/"
        + total
        + " slots done, "
        + inFlight
        + " in flight";
  }
}

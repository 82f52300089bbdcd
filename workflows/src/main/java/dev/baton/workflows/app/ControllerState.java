package dev.baton.workflows.app;

import dev.baton.workflows.app.AppState.QueuedOperation;
import dev.baton.workflows.model.Revision;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What an app's controller knows, in one place: revisions handed out and running, and the queue of
 * accepted operations. Read from {@link AppState} at the start of a run and written back to one at
 * continue-as-new.
 */
final class ControllerState {
  final String app;
  final int operationsPerRun;
  final long reconcileMillis;
  final Deque<QueuedOperation> queue = new ArrayDeque<>();
  // Operations whose records are in the database: only those may start.
  final Set<String> persisted = new HashSet<>();
  int lastRevision;
  Revision current;
  // The revision number in the running containers' names (a scale does not rename them).
  int instanceRevision;
  // The operation being executed: its revision is the latest until it ends, even after its status
  // reads SUCCEEDED (a client may ask for the next operation before the child returns).
  QueuedOperation running;

  ControllerState(AppState state) {
    this.app = state.app();
    this.lastRevision = state.lastRevision();
    this.current = state.current();
    this.instanceRevision = state.instanceRevision();
    this.operationsPerRun =
        state.operationsPerRun() > 0
            ? state.operationsPerRun()
            : AppState.DEFAULT_OPERATIONS_PER_RUN;
    this.reconcileMillis =
        state.reconcileMillis() > 0 ? state.reconcileMillis() : AppState.DEFAULT_RECONCILE_MILLIS;
    for (QueuedOperation op : state.queue()) {
      queue.add(op);
      persisted.add(op.operationId());
    }
  }

  AppState snapshot(int eventSeq) {
    return new AppState(
        app,
        lastRevision,
        current,
        List.copyOf(queue),
        operationsPerRun,
        instanceRevision,
        eventSeq,
        reconcileMillis);
  }

  boolean nextReady() {
    return !queue.isEmpty() && persisted.contains(queue.peek().operationId());
  }

  /** True when an operation runs or waits: a new one is queued behind it. */
  boolean busy() {
    return running != null || !queue.isEmpty();
  }

  int namesRevision() {
    return instanceRevision > 0 ? instanceRevision : current.number();
  }

  /** What a rollout starts from: the current spec, under the name its containers carry. */
  Revision previous() {
    if (current == null || namesRevision() == current.number()) {
      return current;
    }
    return new Revision(namesRevision(), current.spec(), current.digest(), current.yaml());
  }

  /** The newest accepted spec (a queued or running operation's, else the current one), or null. */
  Revision latest() {
    Iterator<QueuedOperation> it = queue.descendingIterator();
    while (it.hasNext()) {
      Revision r = it.next().request().revision();
      if (r != null && r.spec() != null) {
        return r;
      }
    }
    Revision inFlight = running == null ? null : running.request().revision();
    if (inFlight != null && inFlight.spec() != null) {
      return inFlight;
    }
    return current;
  }
}

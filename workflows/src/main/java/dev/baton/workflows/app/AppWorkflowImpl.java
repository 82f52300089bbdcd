package dev.baton.workflows.app;

import dev.baton.workflows.app.AppState.QueuedOperation;
import dev.baton.workflows.heal.Reconciler;
import dev.baton.workflows.support.EventLog;
import dev.baton.workflows.support.Ports;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;

/**
 * Runs one app's operations strictly one at a time, in the order they were accepted ({@link
 * OperationAcceptor} takes them in, {@link OperationRunner} runs each), and between operations
 * keeps what runs equal to the current revision (self-healing, every {@code reconcileMillis} or at
 * once on {@link #reconcileNow}).
 */
public class AppWorkflowImpl implements AppWorkflow {
  /** Continue-as-new after this many reconcile passes, so an idle app's history stays small. */
  static final int RECONCILES_PER_RUN = 300;

  private final Ports ports = new Ports();
  private final ControllerState state;
  private final OperationAcceptor acceptor;
  private final OperationRunner runner;
  private final EventLog events;
  private final Reconciler reconciler;
  private int operationsThisRun;
  private int reconcilesThisRun;
  private boolean reconcileRequested;

  @WorkflowInit
  public AppWorkflowImpl(AppState initial) {
    this.state = new ControllerState(initial);
    this.acceptor = new OperationAcceptor(state, ports);
    this.runner = new OperationRunner(state, ports);
    this.events = EventLog.ofApp(ports.state(), state.app, initial.eventSeq());
    this.reconciler = new Reconciler(state.app, ports, events);
  }

  @Override
  public void run(AppState initial) {
    while (true) {
      Workflow.await(
          Duration.ofMillis(state.reconcileMillis),
          () -> state.nextReady() || reconcileRequested || dueForNewRun());
      if (dueForNewRun()) {
        // Handlers may be mid-flight (persisting a new operation): let them finish first.
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(state.snapshot(events.lastSeq()));
        return;
      }
      if (!state.nextReady()) {
        reconcileRequested = false;
        heal();
        continue;
      }
      QueuedOperation op = state.queue.poll();
      state.running = op;
      runner.run(op);
      state.running = null;
      operationsThisRun++;
    }
  }

  private boolean dueForNewRun() {
    return state.running == null
        && (operationsThisRun >= state.operationsPerRun
            || reconcilesThisRun >= RECONCILES_PER_RUN
            || Workflow.getInfo().isContinueAsNewSuggested());
  }

  /** One self-healing pass against the current revision; a failed pass is retried next period. */
  private void heal() {
    reconcilesThisRun++;
    if (state.current == null) {
      return;
    }
    try {
      reconciler.reconcile(state.current.spec(), state.namesRevision());
    } catch (ActivityFailure e) {
      // Docker or the database did not answer: the next pass tries again.
    }
  }

  @Override
  public void reconcileNow() {
    reconcileRequested = true;
  }

  @Override
  public void validateSubmit(OperationRequest request) {
    acceptor.validate(request);
  }

  @Override
  public OperationAccepted submit(OperationRequest request) {
    return acceptor.accept(request);
  }

  @Override
  public AppProgress progress() {
    return new AppProgress(
        state.app,
        state.lastRevision,
        state.current == null ? 0 : state.current.number(),
        state.running == null ? null : state.running.operationId(),
        state.queue.stream().map(QueuedOperation::operationId).toList());
  }
}

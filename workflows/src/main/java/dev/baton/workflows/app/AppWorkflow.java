package dev.baton.workflows.app;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The controller of one app ({@code app:<app>}): accepts operations as updates and runs them one at
 * a time as child workflows, queueing the rest.
 */
@WorkflowInterface
public interface AppWorkflow {

  @WorkflowMethod
  void run(AppState state);

  /** Accepts an operation: validated before it enters history, persisted before it returns. */
  @UpdateMethod
  OperationAccepted submit(OperationRequest request);

  @UpdateValidatorMethod(updateName = "submit")
  void validateSubmit(OperationRequest request);

  @QueryMethod
  AppProgress progress();

  /** Reconcile now (a Docker event said a container died), not at the next period. */
  @SignalMethod
  void reconcileNow();
}

package dev.baton.workflows.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.workflows.app.AppState;
import dev.baton.workflows.app.AppWorkflow;
import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.app.OperationRequest;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.ports.EventRecord;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.support.Ports;
import dev.baton.workflows.support.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;

/** Drives one app's controller ({@code app:shop}) through its operations. */
public abstract class AppTestBase extends WorkflowTestBase {
  protected static final String APP = "shop";

  protected AppWorkflow app() {
    return client.newWorkflowStub(AppWorkflow.class, WorkflowIds.app(APP));
  }

  protected void startApp() {
    WorkflowClient.start(
        client.newWorkflowStub(
                AppWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(Ports.TASK_QUEUE)
                    .setWorkflowId(WorkflowIds.app(APP))
                    .build())
            ::run,
        AppState.empty(APP));
  }

  /** Deploys the spec and waits for its rollout to succeed; returns its revision number. */
  protected int deployed(AppSpec spec) {
    OperationAccepted a =
        app()
            .submit(
                new OperationRequest.Deploy(
                    new Revision(0, spec, "sha256:x", "# y"), "ci", "test"));
    assertThat(finished(a.workflowId()).status().name()).isEqualTo("SUCCEEDED");
    return a.revision();
  }

  protected OperationAccepted scale(Map<String, Integer> replicas) {
    return app().submit(new OperationRequest.Scale(replicas, null, "ci", "load"));
  }

  protected OperationAccepted rollback(int to) {
    return rollback(to, false);
  }

  /** {@code revisionReplicas}: the revision's replica counts instead of the running ones. */
  protected OperationAccepted rollback(int to, boolean revisionReplicas) {
    return app()
        .submit(new OperationRequest.Rollback(to, null, "ci", "bad release", revisionReplicas));
  }

  /** Waits for the child to exist, then for its result (time skipped). */
  protected RolloutResult finished(String workflowId) {
    eventually(workflowId + " started", () -> exists(workflowId));
    RolloutResult r = resultOf(workflowId);
    eventually("app idle", () -> quietly(() -> app().progress().running() == null));
    return r;
  }

  /** The validator's (or handler's) message for a rejected operation. */
  protected static String rejection(Runnable submit) {
    WorkflowUpdateException e = catchThrowableOfType(submit::run, WorkflowUpdateException.class);
    assertThat(e).as("rejected").isNotNull();
    return ((ApplicationFailure) e.getCause()).getOriginalMessage();
  }

  protected List<String> appEventTypes() {
    return state.appEvents().stream().map(EventRecord::type).toList();
  }
}

package dev.baton.service.api;

import dev.baton.workflows.app.AppState;
import dev.baton.workflows.app.AppWorkflow;
import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.app.OperationRequest;
import dev.baton.workflows.deploy.DeployProgress;
import dev.baton.workflows.deploy.DeployWorkflow;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.support.BatonSearchAttributes;
import dev.baton.workflows.support.Ports;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The API's door into Temporal: submits operations to app controllers and steers rollouts. */
@Component
public class AppOperations {
  private final WorkflowClient client;
  private final StateReader state;

  public AppOperations(WorkflowClient client, StateReader state) {
    this.client = client;
    this.state = state;
  }

  /**
   * Submits a deploy to the app's controller, starting the controller if it is not running
   * (update-with-start). The idempotency key becomes the update id, so a retried request returns
   * the operation the first one created.
   */
  public OperationAccepted deploy(
      AppSpec spec,
      String yaml,
      String digest,
      String actor,
      String reason,
      String idempotencyKey) {
    String app = spec.app();
    AppWorkflow controller =
        client.newWorkflowStub(
            AppWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(AppWorkflow.workflowId(app))
                .setTaskQueue(Ports.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(BatonSearchAttributes.APP, app)
                        .set(BatonSearchAttributes.OPERATION, "app")
                        .build())
                .setStaticSummary("controller of app " + app)
                .build());
    OperationRequest request =
        new OperationRequest(
            OperationKind.DEPLOY, new Revision(0, spec, digest, yaml), actor, reason);
    String updateId = idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey;
    return WorkflowClient.executeUpdateWithStart(
        controller::submit,
        request,
        UpdateOptions.newBuilder(OperationAccepted.class)
            .setUpdateId(updateId)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(controller::run, seed(app)));
  }

  /**
   * Only used when the controller is (re)started: it continues from the stored state, so a new
   * controller never reuses a revision number and still knows what to roll back to.
   */
  private AppState seed(String app) {
    return new AppState(
        app,
        state.latestRevision(app),
        state.currentRevision(app).orElse(null),
        List.of(),
        AppState.DEFAULT_OPERATIONS_PER_RUN);
  }

  public DeployProgress progress(String workflowId) {
    return client.newWorkflowStub(DeployWorkflow.class, workflowId).progress();
  }

  public void pause(String workflowId) {
    client.newWorkflowStub(DeployWorkflow.class, workflowId).pause();
  }

  public void resume(String workflowId) {
    client.newWorkflowStub(DeployWorkflow.class, workflowId).resume();
  }

  public void abort(String workflowId, String reason) {
    client.newWorkflowStub(DeployWorkflow.class, workflowId).abort(reason);
  }
}

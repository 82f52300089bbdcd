package dev.baton.service.control;

import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.app.OperationRequest;
import dev.baton.workflows.deploy.DeployWorkflow;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.rollout.RolloutProgress;
import io.temporal.client.WorkflowClient;
import org.springframework.stereotype.Component;

/** The API's door into Temporal: submits operations to app controllers and steers rollouts. */
@Component
public class AppOperations {
  private final WorkflowClient client;
  private final FleetOperations fleet;

  public AppOperations(WorkflowClient client, FleetOperations fleet) {
    this.client = client;
    this.fleet = fleet;
  }

  /** Submits a deploy of {@code spec} as the app's next revision. */
  public OperationAccepted deploy(
      AppSpec spec,
      String yaml,
      String digest,
      String actor,
      String reason,
      String idempotencyKey) {
    OperationRequest request =
        new OperationRequest.Deploy(new Revision(0, spec, digest, yaml), actor, reason);
    return fleet.submitToController(spec.app(), request, idempotencyKey);
  }

  public RolloutProgress progress(String workflowId) {
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

package dev.baton.workflows.app;

import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.ports.OperationRecord;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.support.EventLog;
import dev.baton.workflows.support.Ports;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/** Removes all of an app's containers, then marks that it runs no revision. */
public class DeleteAppWorkflowImpl implements DeleteAppWorkflow {

  @Override
  public RolloutResult delete(String operationId, String app, int revision, String requestedBy) {
    Ports ports = new Ports();
    EventLog events = new EventLog(ports.state(), app, operationId);
    save(ports, operationId, app, revision, requestedBy, OperationStatus.RUNNING);
    events.add("operation.running", "deleting every instance of " + app);
    List<Promise<Void>> removals = new ArrayList<>();
    for (Instance i : ports.docker().list(app)) {
      removals.add(
          Async.procedure(
              () -> {
                ports.dockerStop(10_000).stop(i.host(), i.containerId(), 10_000);
                ports.docker().remove(i.host(), i.containerId());
                events.add("instance.removed", i.service(), i.containerName() + " removed");
              }));
    }
    Promise.allOf(removals).get();
    ports.state().syncInstances(app, ports.docker().list(app));
    ports.state().clearCurrentRevision(app);
    save(ports, operationId, app, revision, requestedBy, OperationStatus.SUCCEEDED);
    events.add("operation.succeeded", "deleted");
    return new RolloutResult(OperationStatus.SUCCEEDED, null, 0);
  }

  private static void save(
      Ports ports,
      String operationId,
      String app,
      int revision,
      String requestedBy,
      OperationStatus status) {
    ports
        .state()
        .saveOperation(
            new OperationRecord(
                operationId,
                app,
                OperationKind.DELETE,
                revision,
                status,
                Workflow.getInfo().getWorkflowId(),
                Workflow.getInfo().getRunId(),
                requestedBy,
                null,
                null));
  }
}

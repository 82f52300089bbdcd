package dev.baton.service.control;

import dev.baton.activities.state.RevisionEntity;
import dev.baton.service.api.ApiException;
import dev.baton.service.config.BatonProperties;
import dev.baton.workflows.app.AppState;
import dev.baton.workflows.app.AppWorkflow;
import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.app.OperationRequest;
import dev.baton.workflows.host.HostState;
import dev.baton.workflows.host.ProvisionHostWorkflow;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.support.BatonSearchAttributes;
import dev.baton.workflows.support.Ports;
import dev.baton.workflows.support.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/** Scale, rollback and delete submitted to an app's controller; host workflows started. */
@Component
public class FleetOperations {
  private final WorkflowClient client;
  private final ControllerSeedRepository seeds;
  private final int operationsPerRun;

  public FleetOperations(
      WorkflowClient client, ControllerSeedRepository seeds, BatonProperties properties) {
    this.operationsPerRun = properties.controllerOperationsPerRun();
    this.client = client;
    this.seeds = seeds;
  }

  /**
   * Submits an operation of an existing app (404 otherwise). Update-with-start: a controller that
   * is not running is started from what the database says the app runs.
   */
  public OperationAccepted submit(String app, OperationRequest request, String idempotencyKey) {
    if (!seeds.existsByName(app)) {
      throw ApiException.notFound("app " + app);
    }
    return submitToController(app, request, idempotencyKey);
  }

  /**
   * Submits an operation to the app's controller, starting it if it is not running (also for an
   * app's first deploy). The idempotency key becomes the update id, so a retried request returns
   * the operation the first one created.
   */
  public OperationAccepted submitToController(
      String app, OperationRequest request, String idempotencyKey) {
    AppWorkflow controller =
        client.newWorkflowStub(
            AppWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.app(app))
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

  private AppState seed(String app) {
    Revision current = seeds.currentRevision(app).map(RevisionEntity::toRevision).orElse(null);
    return new AppState(
        app,
        seeds.latestRevision(app),
        current,
        List.of(),
        operationsPerRun,
        seeds.instanceRevision(app),
        seeds.lastAppEventSeq(app),
        0);
  }

  /** Starts the host's workflow unless it runs already. */
  public void startHost(String name) {
    ProvisionHostWorkflow stub = hostStub(name);
    WorkflowClient.start(stub::run, HostState.of(name));
  }

  /**
   * Waits (at most {@code max}) for the host's workflow to end, as a decommissioned one does once
   * it has recorded REMOVED: whether none runs now. A host joined again must not be taken by the
   * old run, which would mark it REMOVED after the new join.
   */
  public boolean awaitHostWorkflowEnded(String name, Duration max) {
    try {
      client
          .newUntypedWorkflowStub(WorkflowIds.host(name))
          .getResult(max.toMillis(), TimeUnit.MILLISECONDS, Void.class);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    } catch (WorkflowException endedOrNeverRan) {
      return true; // failed, terminated, or not found
    }
  }

  /** Sends a signal to the host's workflow, starting it first if needed. */
  public void signalHost(String name, String signal) {
    WorkflowStub.fromTyped(client.newWorkflowStub(ProvisionHostWorkflow.class, hostOptions(name)))
        .signalWithStart(signal, new Object[0], new Object[] {HostState.of(name)});
  }

  private ProvisionHostWorkflow hostStub(String name) {
    return client.newWorkflowStub(
        ProvisionHostWorkflow.class,
        hostOptions(name).toBuilder()
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .build());
  }

  private static WorkflowOptions hostOptions(String name) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.host(name))
        .setTaskQueue(Ports.TASK_QUEUE)
        .setStaticSummary("Docker host " + name)
        .build();
  }
}

package dev.baton.workflows.app;

import static dev.baton.workflows.model.OperationStatus.QUEUED;
import static dev.baton.workflows.model.OperationStatus.RUNNING;
import static dev.baton.workflows.model.OperationStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.workflows.deploy.DeployRequest;
import dev.baton.workflows.deploy.DeployWorkflowImpl;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.support.Ports;
import dev.baton.workflows.support.WorkflowIds;
import dev.baton.workflows.testing.FakeEngine.Call;
import dev.baton.workflows.testing.Specs;
import dev.baton.workflows.testing.WorkflowTestBase;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The app controller: updates, validation, one operation at a time, continue-as-new. */
class AppWorkflowTest extends WorkflowTestBase {
  private static final String APP = "shop";

  private final CountDownLatch firstDeployHealthChecking = new CountDownLatch(1);
  private final CountDownLatch releaseFirstDeploy = new CountDownLatch(1);

  private static AppSpec shop(String image) {
    return Specs.app(APP, Specs.service("web", image).replicas(2));
  }

  private static OperationRequest deployOf(AppSpec spec) {
    return new OperationRequest.Deploy(new Revision(0, spec, "sha256:x", "# yaml"), "ci", "test");
  }

  private AppWorkflow newApp() {
    return client.newWorkflowStub(
        AppWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(Ports.TASK_QUEUE)
            .setWorkflowId(WorkflowIds.app(APP))
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .build());
  }

  private AppWorkflow app() {
    return client.newWorkflowStub(AppWorkflow.class, WorkflowIds.app(APP));
  }

  /** Holds r1's health checks until {@link #releaseFirstDeploy} opens (at most 3 s). */
  private void gateFirstDeploy() {
    engine.beforeHealthResult(
        i -> {
          if (i.revision() == 1) {
            firstDeployHealthChecking.countDown();
            try {
              releaseFirstDeploy.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
  }

  private void awaitFirstDeployHealthChecking() throws InterruptedException {
    assertThat(firstDeployHealthChecking.await(5, TimeUnit.SECONDS)).isTrue();
  }

  /** Waits for the child to exist, then for its result (time skipped). */
  private void awaitDeploySucceeded(int revision) {
    String id = "deploy:" + APP + ":r" + revision;
    eventually(id + " started", () -> exists(id));
    assertThat(resultOf(id).status()).isEqualTo(SUCCEEDED);
  }

  /** The request the child deploy workflow was started with, read from its history. */
  private DeployRequest startedWith(int revision) {
    Payloads input =
        client
            .fetchHistory("deploy:" + APP + ":r" + revision)
            .getHistory()
            .getEvents(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return GlobalDataConverter.get()
        .fromPayloads(0, Optional.of(input), DeployRequest.class, DeployRequest.class);
  }

  private static int lastIndexOf(List<Call> calls, String workflowId) {
    int last = -1;
    for (int i = 0; i < calls.size(); i++) {
      if (workflowId.equals(calls.get(i).workflowId())) {
        last = i;
      }
    }
    return last;
  }

  private static int firstIndexOf(List<Call> calls, String workflowId) {
    for (int i = 0; i < calls.size(); i++) {
      if (workflowId.equals(calls.get(i).workflowId())) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void deploysSubmittedBackToBackRunOneAtATimeInRevisionOrder() throws Exception {
    gateFirstDeploy();
    AppWorkflow starter = newApp();

    OperationAccepted first =
        WorkflowClient.executeUpdateWithStart(
            starter::submit,
            deployOf(shop("web:v1")),
            UpdateOptions.<OperationAccepted>newBuilder()
                .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                .build(),
            new WithStartWorkflowOperation<>(starter::run, AppState.empty(APP)));
    awaitFirstDeployHealthChecking();
    OperationAccepted second = app().submit(deployOf(shop("web:v2")));

    assertThat(first.revision()).isEqualTo(1);
    assertThat(first.status()).isEqualTo(RUNNING);
    assertThat(first.workflowId()).isEqualTo("deploy:shop:r1");
    assertThat(second.revision()).isEqualTo(2);
    assertThat(second.status()).isEqualTo(QUEUED);
    AppProgress progress = app().progress();
    assertThat(progress.running()).isEqualTo(first.operationId());
    assertThat(progress.queued()).containsExactly(second.operationId());
    assertThat(progress.lastRevision()).isEqualTo(2);
    assertThat(progress.currentRevision()).isZero();
    assertThat(engine.calls("create"))
        .extracting(Call::workflowId)
        .doesNotContain("deploy:shop:r2");

    releaseFirstDeploy.countDown();
    awaitDeploySucceeded(1);
    awaitDeploySucceeded(2);

    List<Call> calls = engine.calls();
    int lastOfFirst = lastIndexOf(calls, "deploy:shop:r1");
    int firstOfSecond = firstIndexOf(calls, "deploy:shop:r2");
    assertThat(firstOfSecond).isPositive();
    assertThat(lastOfFirst).as("r1's calls all come before r2's").isLessThan(firstOfSecond);
    assertThat(state.revisions(APP).keySet()).containsExactlyInAnyOrder(1, 2);
    assertThat(state.statusHistory(first.operationId()))
        .containsExactly(QUEUED, RUNNING, SUCCEEDED);
    assertThat(state.statusHistory(second.operationId()))
        .containsExactly(QUEUED, RUNNING, SUCCEEDED);
    DeployRequest secondRequest = startedWith(2);
    assertThat(secondRequest.operationId()).isEqualTo(second.operationId());
    assertThat(secondRequest.target().number()).isEqualTo(2);
    assertThat(secondRequest.previous().number()).isEqualTo(1);
    assertThat(secondRequest.previous().spec().services().get(0).image()).isEqualTo("web:v1");
    assertThat(startedWith(1).previous()).isNull();
    eventually(
        "app at r2, idle",
        () -> app().progress().currentRevision() == 2 && app().progress().running() == null);
    assertThat(engine.runningNames("web")).containsExactly("shop-web-r2-1", "shop-web-r2-2");
    assertReplays("deploy:shop:r2", DeployWorkflowImpl.class);
  }

  @Test
  void aScaleAskedWhileTheFirstDeployRunsIsQueuedOnItsSpec() throws Exception {
    // The deploy's status can read SUCCEEDED before its child returns to the controller: a
    // client that scales right then must not be told the app "runs no revision".
    gateFirstDeploy();
    AppWorkflow starter = newApp();
    OperationAccepted first =
        WorkflowClient.executeUpdateWithStart(
            starter::submit,
            deployOf(shop("web:v1")),
            UpdateOptions.<OperationAccepted>newBuilder()
                .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                .build(),
            new WithStartWorkflowOperation<>(starter::run, AppState.empty(APP)));
    awaitFirstDeployHealthChecking();

    OperationAccepted scale =
        app().submit(new OperationRequest.Scale(java.util.Map.of("web", 3), null, "ci", "load"));

    assertThat(scale.status()).isEqualTo(QUEUED);
    assertThat(scale.revision()).isEqualTo(2);
    releaseFirstDeploy.countDown();
    awaitDeploySucceeded(1);
    eventually(
        "app at r2 with 3 instances",
        () -> app().progress().currentRevision() == 2 && engine.runningNames("web").size() == 3);
    assertThat(state.statusHistory(first.operationId()))
        .containsExactly(QUEUED, RUNNING, SUCCEEDED);
    assertThat(state.statusHistory(scale.operationId())).contains(SUCCEEDED);
  }

  @Test
  void invalidOperationsAreRejectedAndNothingIsPersisted() {
    WorkflowClient.start(newApp()::run, AppState.empty(APP));

    WorkflowUpdateException noServices =
        catchThrowableOfType(
            () -> app().submit(deployOf(new AppSpec(APP, List.of(), 600_000))),
            WorkflowUpdateException.class);
    WorkflowUpdateException otherApp =
        catchThrowableOfType(
            () -> app().submit(deployOf(Specs.app("other", Specs.service("web", "web:v1")))),
            WorkflowUpdateException.class);
    WorkflowUpdateException noImage =
        catchThrowableOfType(
            () -> app().submit(deployOf(shop(" "))), WorkflowUpdateException.class);

    assertThat(noServices).isNotNull();
    assertThat(((ApplicationFailure) noServices.getCause()).getOriginalMessage())
        .contains("at least one service is required");
    assertThat(otherApp).isNotNull();
    assertThat(((ApplicationFailure) otherApp.getCause()).getOriginalMessage())
        .contains("spec is for app other, not shop");
    assertThat(noImage).isNotNull();
    assertThat(((ApplicationFailure) noImage.getCause()).getOriginalMessage())
        .contains("services.web.image: required");
    assertThat(state.revisions(APP)).isEmpty();
    assertThat(state.revisions("other")).isEmpty();
    assertThat(state.operationSaves()).isEmpty();
    assertThat(engine.calls()).isEmpty();
    assertThat(app().progress().lastRevision()).isZero();

    OperationAccepted valid = app().submit(deployOf(shop("web:v1")));

    assertThat(valid.revision()).isEqualTo(1);
    assertThat(valid.status()).isEqualTo(RUNNING);
    awaitDeploySucceeded(1);
    assertThat(state.revisions(APP).keySet()).containsExactly(1);
    assertThat(engine.runningNames("web")).containsExactly("shop-web-r1-1", "shop-web-r1-2");
  }

  @Test
  void continuesAsNewAfterOperationsPerRunAndCarriesStateOver() throws Exception {
    gateFirstDeploy();
    WorkflowExecution firstRun =
        WorkflowClient.start(newApp()::run, new AppState(APP, 0, null, List.of(), 2));

    app().submit(deployOf(shop("web:v1")));
    awaitFirstDeployHealthChecking();
    app().submit(deployOf(shop("web:v2")));
    OperationAccepted third = app().submit(deployOf(shop("web:v3")));
    releaseFirstDeploy.countDown();
    awaitDeploySucceeded(1);
    awaitDeploySucceeded(2);
    awaitDeploySucceeded(3);

    String runId =
        client.newUntypedWorkflowStub(WorkflowIds.app(APP)).describe().getExecution().getRunId();
    assertThat(runId).isNotEqualTo(firstRun.getRunId());
    assertThat(
            client
                .newUntypedWorkflowStub(
                    WorkflowIds.app(APP), Optional.of(firstRun.getRunId()), Optional.empty())
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    assertThat(third.revision()).isEqualTo(3);
    assertThat(startedWith(3).operationId()).isEqualTo(third.operationId());
    assertThat(startedWith(3).previous().number()).isEqualTo(2);
    assertThat(startedWith(3).previous().spec().services().get(0).image()).isEqualTo("web:v2");

    // The new run takes further operations and numbers them on from the carried-over state.
    OperationAccepted fourth = app().submit(deployOf(shop("web:v4")));
    assertThat(fourth.revision()).isEqualTo(4);
    awaitDeploySucceeded(4);
    assertThat(startedWith(4).previous().number()).isEqualTo(3);
    assertThat(state.revisions(APP).keySet()).isEqualTo(Set.of(1, 2, 3, 4));
    assertThat(engine.runningNames("web")).containsExactly("shop-web-r4-1", "shop-web-r4-2");
    try {
      WorkflowReplayer.replayWorkflowExecution(
          client.fetchHistory(WorkflowIds.app(APP), firstRun.getRunId()), AppWorkflowImpl.class);
    } catch (Exception e) {
      throw new AssertionError("replay of the first run failed", e);
    }
  }
}

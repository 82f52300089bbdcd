package dev.baton.workflows.deploy;

import static dev.baton.workflows.deploy.DeployRolloutTest.indexOf;
import static dev.baton.workflows.model.OperationStatus.ABORTED;
import static dev.baton.workflows.model.OperationStatus.FAILED;
import static dev.baton.workflows.model.OperationStatus.PAUSED;
import static dev.baton.workflows.model.OperationStatus.ROLLED_BACK;
import static dev.baton.workflows.model.OperationStatus.ROLLING_BACK;
import static dev.baton.workflows.model.OperationStatus.RUNNING;
import static dev.baton.workflows.model.OperationStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.UpdatePolicy.FailureAction;
import dev.baton.workflows.model.UpdatePolicy.Order;
import dev.baton.workflows.rollout.RolloutProgress;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.support.BatonSearchAttributes;
import dev.baton.workflows.testing.FakeEngine.Call;
import dev.baton.workflows.testing.Specs;
import dev.baton.workflows.testing.Specs.ServiceBuilder;
import dev.baton.workflows.testing.WorkflowTestBase;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rollouts that go wrong: rollback, continue, pause, abort, failure ratio, deadline. */
class DeployFailureTest extends WorkflowTestBase {

  private static final List<String> WEB_R1 =
      List.of("app-web-r1-1", "app-web-r1-2", "app-web-r1-3", "app-web-r1-4");

  private static Revision web(int number, ServiceBuilder service) {
    return Specs.revision(number, Specs.app("app", service));
  }

  /** Deploys web:v1 with 4 replicas and returns its revision. */
  private Revision runningV1() {
    Revision r1 = web(1, Specs.service("web", "web:v1").replicas(4));
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);
    engine.resetWatermarks();
    return r1;
  }

  private List<Call> awaitHealthyOf(int revision) {
    return engine.calls("awaitHealthy").stream()
        .filter(c -> c.container().contains("-r" + revision + "-"))
        .toList();
  }

  private String statusAttribute(DeployWorkflow stub) {
    return WorkflowStub.fromTyped(stub)
        .describe()
        .getTypedSearchAttributes()
        .get(BatonSearchAttributes.STATUS);
  }

  private void awaitStatus(DeployWorkflow stub, OperationStatus status) {
    eventually(
        "progress " + status,
        () -> quietly(() -> stub.progress() != null && stub.progress().status() == status));
  }

  @Test
  void neverHealthyImageIsRolledBack() {
    Revision r1 = runningV1();
    Revision r2 = web(2, Specs.service("web", "web:bad").replicas(4));

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(ROLLED_BACK);
    assertThat(result.runningRevision()).isEqualTo(1);
    assertThat(result.error()).contains("app-web-r2-1");
    assertThat(engine.runningNames("web")).containsExactlyElementsOf(WEB_R1);
    assertThat(engine.running("web")).allMatch(c -> c.health.equals("healthy"));
    assertThat(engine.containers()).noneMatch(c -> c.revision == 2);
    assertThat(state.statusHistory("op-r2")).containsExactly(RUNNING, ROLLING_BACK, ROLLED_BACK);
    assertThat(state.operation("op-r2").error()).isEqualTo(result.error());
    assertThat(state.currentRevision("app")).isEqualTo(1);
    assertThat(state.instances()).hasSize(4).allMatch(i -> i.revision() == 1);
    List<Integer> seqs = state.eventSeqs("op-r2");
    assertThat(seqs).isEqualTo(IntStream.rangeClosed(1, seqs.size()).boxed().toList());
    assertThat(state.events("op-r2"))
        .extracting(e -> e.type())
        .contains("instance.failed", "service.failure", "operation.rolling_back")
        .endsWith("operation.rolled_back");
    assertReplays("deploy:app:r2", DeployWorkflowImpl.class);
  }

  @Test
  void failureOfALaterServiceRollsBackTheWholeApp() {
    ServiceBuilder db1 = Specs.service("db", "db:v1").replicas(2);
    ServiceBuilder web1 = Specs.service("web", "web:v1").replicas(2).dependsOn("db");
    Revision r1 = Specs.revision(1, Specs.app("app", db1, web1));
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);
    engine.resetWatermarks();
    ServiceBuilder db2 = Specs.service("db", "db:v2").replicas(2);
    ServiceBuilder web2 = Specs.service("web", "web:bad").replicas(2).dependsOn("db");
    Revision r2 = Specs.revision(2, Specs.app("app", db2, web2));

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(ROLLED_BACK);
    List<Call> calls = engine.calls();
    assertThat(indexOf(calls, "awaitHealthy", "app-db-r2-2"))
        .as("db is rolled (and healthy) before web is touched")
        .isLessThan(indexOf(calls, "create", "app-web-r2-1"));
    assertThat(awaitHealthyOf(2)).extracting(Call::container).contains("app-db-r2-1");
    assertThat(engine.runningNames("db")).containsExactly("app-db-r1-1", "app-db-r1-2");
    assertThat(engine.runningNames("web")).containsExactly("app-web-r1-1", "app-web-r1-2");
    assertThat(engine.containers()).noneMatch(c -> c.revision == 2);
    assertThat(engine.running("db")).allMatch(c -> c.image.equals("db:v1"));
  }

  @Test
  void failureActionContinueFinishesAllBatchesAndFails() {
    Revision r1 = runningV1();
    Revision r2 =
        web(
            2,
            Specs.service("web", "web:bad")
                .replicas(4)
                .order(Order.START_FIRST)
                .failureAction(FailureAction.CONTINUE));

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(FAILED);
    assertThat(result.error()).contains("4 instances of web failed");
    assertThat(awaitHealthyOf(2))
        .extracting(Call::container)
        .containsExactly("app-web-r2-1", "app-web-r2-2", "app-web-r2-3", "app-web-r2-4");
    assertThat(state.statusHistory("op-r2")).containsExactly(RUNNING, FAILED);
    assertThat(state.operation("op-r2").error()).isEqualTo(result.error());
    // start-first: the old instances were never stopped for a failed replacement
    assertThat(engine.runningNames("web")).containsExactlyElementsOf(WEB_R1);
    assertThat(engine.minHealthy("web")).isEqualTo(4);
  }

  @Test
  void failureActionPausePausesUntilAbortedThenRollsBack() {
    Revision r1 = runningV1();
    Revision r2 =
        web(2, Specs.service("web", "web:bad").replicas(4).failureAction(FailureAction.PAUSE));

    DeployWorkflow stub = startDeploy(r2, r1);
    awaitStatus(stub, PAUSED);

    RolloutProgress paused = stub.progress();
    assertThat(paused.error()).contains("app-web-r2-1");
    assertThat(paused.services()).singleElement().satisfies(s -> assertThat(s.failures()).isOne());
    assertThat(statusAttribute(stub)).isEqualTo("PAUSED");
    assertThat(awaitHealthyOf(2)).hasSize(1);

    stub.abort("operator gave up");
    RolloutResult result = resultOf(stub);

    assertThat(result.status()).isEqualTo(ABORTED);
    assertThat(result.error()).isEqualTo("operator gave up");
    assertThat(engine.runningNames("web")).containsExactlyElementsOf(WEB_R1);
    assertThat(engine.containers()).noneMatch(c -> c.revision == 2);
    assertThat(state.statusHistory("op-r2"))
        .containsExactly(RUNNING, PAUSED, ROLLING_BACK, ABORTED);
    assertThat(statusAttribute(stub)).isEqualTo("ABORTED");
    assertReplays("deploy:app:r2", DeployWorkflowImpl.class);
  }

  @Test
  void pauseSignalHoldsTheNextSlotUntilResumed() {
    Revision r1 = runningV1();
    Revision r2 = web(2, Specs.service("web", "web:v2").replicas(4).parallelism(2));
    AtomicBoolean signalled = new AtomicBoolean();
    // Slot 1's health gate signals the pause; slot 2 answers later, so neither is done before it.
    engine.beforeHealthResult(
        i -> {
          if (i.revision() == 2 && i.slot() == 1 && signalled.compareAndSet(false, true)) {
            client.newWorkflowStub(DeployWorkflow.class, "deploy:app:r2").pause();
          } else if (i.revision() == 2 && i.slot() == 2) {
            DeployRolloutTest.sleepQuietly(500);
          }
        });

    DeployWorkflow stub = startDeploy(r2, r1);
    awaitStatus(stub, PAUSED);
    // The two slots in flight when the signal came finish; no third one starts.
    eventually("both slots in flight done", () -> awaitHealthyOf(2).size() == 2);

    assertThat(stub.progress().phase()).isEqualTo("paused before slot 3 of 4");
    assertThat(statusAttribute(stub)).isEqualTo("PAUSED");
    assertThat(engine.calls("create")).hasSize(2);
    eventually(
        "old instances of the finished slots stopped",
        () ->
            engine
                .runningNames("web")
                .equals(List.of("app-web-r1-3", "app-web-r1-4", "app-web-r2-1", "app-web-r2-2")));

    stub.resume();
    RolloutResult result = resultOf(stub);

    assertThat(result.status()).isEqualTo(SUCCEEDED);
    assertThat(engine.runningNames("web"))
        .containsExactly("app-web-r2-1", "app-web-r2-2", "app-web-r2-3", "app-web-r2-4");
    assertThat(state.statusHistory("op-r2")).containsExactly(RUNNING, PAUSED, RUNNING, SUCCEEDED);
    assertReplays("deploy:app:r2", DeployWorkflowImpl.class);
  }

  @Test
  void oneFlakySlotIsToleratedByFailureRatioHalf() {
    Revision r1 = runningV1();
    Revision r2 = web(2, Specs.service("web", "web:v2").replicas(4).maxFailureRatio(0.5));
    engine.neverHealthy("app-web-r2-2");

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(SUCCEEDED);
    assertThat(result.runningRevision()).isEqualTo(2);
    assertThat(engine.runningNames("web"))
        .containsExactly("app-web-r2-1", "app-web-r2-3", "app-web-r2-4");
    assertThat(stateOf("deploy:app:r2").services().get(0).failures()).isOne();
  }

  @Test
  void oneFlakySlotRollsBackWithFailureRatioZero() {
    Revision r1 = runningV1();
    Revision r2 = web(2, Specs.service("web", "web:v2").replicas(4).maxFailureRatio(0));
    engine.neverHealthy("app-web-r2-2");

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(ROLLED_BACK);
    assertThat(result.error()).contains("1 of 4 instances of web failed");
    assertThat(engine.runningNames("web")).containsExactlyElementsOf(WEB_R1);
    assertThat(engine.containers()).noneMatch(c -> c.revision == 2);
  }

  @Test
  void crashingImageFailsFastWithoutWaitingForTheHealthBudget() {
    long budget = 120_000;
    Revision r1 =
        web(
            1,
            Specs.service("web", "web:v1")
                .replicas(4)
                .healthcheck(Specs.healthcheckWithBudget(budget)));
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);
    engine.resetWatermarks();
    Revision r2 =
        web(
            2,
            Specs.service("web", "web:crash")
                .replicas(4)
                .healthcheck(Specs.healthcheckWithBudget(budget)));
    assertThat(r2.spec().services().get(0).healthBudgetMillis()).isEqualTo(budget);

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(ROLLED_BACK);
    assertThat(result.error()).contains("exited with code 1");
    assertThat(awaitHealthyOf(2)).singleElement().extracting(Call::budget).isEqualTo(budget);
    assertThat(workflowDuration("deploy:app:r2")).isLessThan(Duration.ofMillis(budget / 10));
    assertThat(engine.runningNames("web")).containsExactlyElementsOf(WEB_R1);
  }

  @Test
  void progressDeadlineShorterThanTheDelayRollsBackAfterTheFirstBatch() {
    long deadline = 20_000;
    ServiceBuilder v1 =
        Specs.service("web", "web:v1").replicas(3).healthcheck(Specs.healthcheckWithBudget(60_000));
    Revision r1 = Specs.revision(1, Specs.app("app", deadline, v1));
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);
    engine.resetWatermarks();
    ServiceBuilder v2 =
        Specs.service("web", "web:v2")
            .replicas(3)
            .delayMillis(30_000)
            .healthcheck(Specs.healthcheckWithBudget(60_000));
    Revision r2 = Specs.revision(2, Specs.app("app", deadline, v2));

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(ROLLED_BACK);
    assertThat(result.error()).contains("progress deadline of 20s exceeded");
    assertThat(engine.calls("create").stream().filter(c -> c.container().contains("-r2-")))
        .extracting(Call::container)
        .containsExactly("app-web-r2-1");
    assertThat(awaitHealthyOf(2))
        .singleElement()
        .extracting(Call::budget)
        .satisfies(b -> assertThat(b).isLessThanOrEqualTo(deadline).isGreaterThan(deadline / 2));
    assertThat(engine.runningNames("web"))
        .containsExactly("app-web-r1-1", "app-web-r1-2", "app-web-r1-3");
    assertThat(engine.containers()).noneMatch(c -> c.revision == 2);
  }

  @Test
  void failedFirstDeployLeavesNothingBehind() {
    Revision r1 = web(1, Specs.service("web", "web:bad").replicas(2));

    RolloutResult result = deploy(r1, null);

    assertThat(result.status()).isEqualTo(FAILED);
    assertThat(result.runningRevision()).isZero();
    assertThat(result.error()).contains("app-web-r1-1").doesNotContain("rollback incomplete");
    assertThat(engine.containers()).isEmpty();
    assertThat(state.instances()).isEmpty();
    assertThat(state.currentRevision("app")).isNull();
    assertThat(state.statusHistory("op-r1")).containsExactly(RUNNING, ROLLING_BACK, FAILED);
  }

  @Test
  void startFirstRollbackAfterAFailedSlotNeverDropsCapacity() {
    ServiceBuilder v1 =
        Specs.service("web", "web:v1").replicas(4).parallelism(2).order(Order.START_FIRST);
    Revision r1 = web(1, v1);
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);
    engine.resetWatermarks();
    engine.neverHealthy("app-web-r2-2");
    // Slot 2 fails while slot 1 is still in its health gate: no worker may take another slot.
    engine.beforeHealthResult(
        i -> {
          if (i.revision() == 2 && i.slot() == 1) {
            DeployRolloutTest.sleepQuietly(1_000);
          }
        });
    Revision r2 =
        web(2, Specs.service("web", "web:v2").replicas(4).parallelism(2).order(Order.START_FIRST));

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(ROLLED_BACK);
    assertThat(engine.minHealthy("web")).isGreaterThanOrEqualTo(4);
    assertThat(engine.runningNames("web")).containsExactlyElementsOf(WEB_R1);
    assertThat(engine.containers()).noneMatch(c -> c.revision == 2);
    assertThat(engine.calls("create").stream().map(Call::container))
        .as("no slot starts once the failure is known")
        .contains("app-web-r2-1", "app-web-r2-2")
        .doesNotContain("app-web-r2-3", "app-web-r2-4");
  }

  @Test
  void abortSignalDuringARolloutRollsBack() {
    Revision r1 = runningV1();
    Revision r2 = web(2, Specs.service("web", "web:v2").replicas(4));
    AtomicBoolean signalled = new AtomicBoolean();
    engine.beforeHealthResult(
        i -> {
          if (i.revision() == 2 && i.slot() == 2 && signalled.compareAndSet(false, true)) {
            client.newWorkflowStub(DeployWorkflow.class, "deploy:app:r2").abort("stop it");
          }
        });

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(ABORTED);
    assertThat(result.error()).isEqualTo("stop it");
    assertThat(awaitHealthyOf(2)).hasSize(2);
    assertThat(engine.runningNames("web")).containsExactlyElementsOf(WEB_R1);
    assertThat(engine.containers()).noneMatch(c -> c.revision == 2);
    assertThat(state.statusHistory("op-r2")).containsExactly(RUNNING, ROLLING_BACK, ABORTED);
  }

  @Test
  void instanceLostDuringTheMonitorWindowRollsBack() {
    Revision r1 = runningV1();
    Revision r2 = web(2, Specs.service("web", "web:v2").replicas(4).monitorMillis(10_000));
    engine.dieAfterHealthy("app-web-r2-3");

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(ROLLED_BACK);
    assertThat(result.error()).contains("app-web-r2-3 (exited) stopped running during the monitor");
    assertThat(engine.runningNames("web")).containsExactlyElementsOf(WEB_R1);
    assertThat(engine.containers()).noneMatch(c -> c.revision == 2);
  }

  @Test
  void serviceDroppedByTheNewRevisionIsRemoved() {
    ServiceBuilder db = Specs.service("db", "db:v1");
    Revision r1 = Specs.revision(1, Specs.app("app", db, Specs.service("web", "web:v1")));
    assertThat(deploy(r1, null).status()).isEqualTo(SUCCEEDED);
    Revision r2 = Specs.revision(2, Specs.app("app", Specs.service("web", "web:v2")));

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).isEqualTo(SUCCEEDED);
    assertThat(engine.containers()).extracting(c -> c.name).containsExactly("app-web-r2-1");
    assertThat(state.instances()).extracting(i -> i.service()).containsExactly("web");
  }

  private RolloutProgress stateOf(String workflowId) {
    return client.newWorkflowStub(DeployWorkflow.class, workflowId).progress();
  }

  @Test
  void aHostLostMidRolloutIsDroppedAndTheRolloutSucceedsOnTheOthers() {
    Revision r1 = runningV1();
    String lost = engine.running("web").get(0).host;
    String other = lost.equals("host-a") ? "host-b" : "host-a";
    assertThat(engine.running("web")).extracting(c -> c.host).contains(other);
    Revision r2 =
        web(2, Specs.service("web", "web:v2").replicas(4).parallelism(1).order(Order.START_FIRST));
    AtomicBoolean gone = new AtomicBoolean();
    engine.beforeHealthResult(
        i -> {
          if (i.revision() == 2 && gone.compareAndSet(false, true)) {
            engine.hostLost(lost);
            state.setReadyHosts(Specs.hosts(other));
          }
        });

    RolloutResult result = deploy(r2, r1);

    assertThat(result.status()).as(result.error()).isEqualTo(SUCCEEDED);
    // Every slot has a healthy r2 instance; after the loss, nothing was created on the lost host.
    List<String> afterLoss =
        engine.calls("create").stream()
            .filter(c -> c.container().contains("-r2-"))
            .skip(1)
            .map(Call::host)
            .toList();
    assertThat(afterLoss).containsOnly(other);
    assertThat(engine.runningNames("web"))
        .filteredOn(n -> n.contains("-r2-"))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(state.events("op-r2")).extracting(e -> e.type()).contains("instance.lost");
    assertReplays("deploy:app:r2", DeployWorkflowImpl.class);
  }
}

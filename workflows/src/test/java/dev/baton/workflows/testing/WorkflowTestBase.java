package dev.baton.workflows.testing;

import dev.baton.workflows.app.AppWorkflowImpl;
import dev.baton.workflows.app.DeleteAppWorkflowImpl;
import dev.baton.workflows.backup.BackupWorkflowImpl;
import dev.baton.workflows.backup.RestoreWorkflowImpl;
import dev.baton.workflows.deploy.DeployRequest;
import dev.baton.workflows.deploy.DeployWorkflow;
import dev.baton.workflows.deploy.DeployWorkflowImpl;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.move.MoveVolumesWorkflowImpl;
import dev.baton.workflows.rollback.RollbackWorkflowImpl;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.scale.ScaleWorkflowImpl;
import dev.baton.workflows.support.BatonSearchAttributes;
import dev.baton.workflows.support.Ports;
import dev.baton.workflows.support.WorkflowIds;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A time-skipping Temporal test environment with both workflows registered on Baton's task queue
 * and the ports served by {@link FakeEngine} and {@link FakeState} (two hosts by default).
 */
public abstract class WorkflowTestBase {
  protected TestWorkflowEnvironment testEnv;
  protected WorkflowClient client;
  protected FakeEngine engine;
  protected FakeState state;
  protected FakeArchives archives;
  protected FakeCatalog catalog;

  @BeforeEach
  void startEnvironment() {
    testEnv = TestWorkflowEnvironment.newInstance();
    testEnv.registerSearchAttribute("BatonApp", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    testEnv.registerSearchAttribute("BatonOperation", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    testEnv.registerSearchAttribute("BatonRevision", IndexedValueType.INDEXED_VALUE_TYPE_INT);
    testEnv.registerSearchAttribute("BatonStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    engine = new FakeEngine();
    state = new FakeState(Specs.hosts("host-a", "host-b"));
    archives = new FakeArchives(engine);
    catalog = new FakeCatalog();
    Worker worker = testEnv.newWorker(Ports.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        AppWorkflowImpl.class,
        DeployWorkflowImpl.class,
        ScaleWorkflowImpl.class,
        RollbackWorkflowImpl.class,
        DeleteAppWorkflowImpl.class,
        BackupWorkflowImpl.class,
        RestoreWorkflowImpl.class,
        MoveVolumesWorkflowImpl.class);
    worker.registerActivitiesImplementations(engine, state, archives, catalog);
    testEnv.start();
    client = testEnv.getWorkflowClient();
  }

  @AfterEach
  void closeEnvironment() {
    testEnv.close();
  }

  /** A stub for {@code deploy:<app>:r<rev>} started the way the app workflow starts it. */
  protected DeployWorkflow deployStub(String app, int revision) {
    return client.newWorkflowStub(
        DeployWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(Ports.TASK_QUEUE)
            .setWorkflowId(WorkflowIds.deploy(app, revision))
            .setTypedSearchAttributes(
                BatonSearchAttributes.of(app, "deploy", revision, OperationStatus.RUNNING))
            .build());
  }

  protected static String operationId(Revision target) {
    return "op-r" + target.number();
  }

  protected static DeployRequest request(Revision target, Revision previous) {
    return new DeployRequest(operationId(target), target.spec().app(), target, previous, "tester");
  }

  /** Runs a deploy to completion (time skipped). */
  protected RolloutResult deploy(Revision target, Revision previous) {
    return deployStub(target.spec().app(), target.number()).deploy(request(target, previous));
  }

  /** Starts a deploy and returns at once; its stub can then be signalled and queried. */
  protected DeployWorkflow startDeploy(Revision target, Revision previous) {
    DeployWorkflow stub = deployStub(target.spec().app(), target.number());
    WorkflowClient.start(stub::deploy, request(target, previous));
    return stub;
  }

  protected RolloutResult resultOf(DeployWorkflow stub) {
    return WorkflowStub.fromTyped(stub).getResult(RolloutResult.class);
  }

  protected RolloutResult resultOf(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).getResult(RolloutResult.class);
  }

  /** How long the execution ran in workflow time (start to close). */
  protected Duration workflowDuration(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getExecutionDuration();
  }

  /** Replays the execution's recorded history against the current workflow code. */
  protected void assertReplays(String workflowId, Class<?> workflowClass) {
    try {
      WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(workflowId), workflowClass);
    } catch (Exception e) {
      throw new AssertionError("replay of " + workflowId + " failed", e);
    }
  }

  /** True once an execution with this id was started. */
  protected boolean exists(String workflowId) {
    try {
      client.newUntypedWorkflowStub(workflowId).describe();
      return true;
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  /** Polls (in real time) until the condition holds; fails after 10 s. */
  protected static void eventually(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** True when the call does not throw (for polling queries that may not be ready yet). */
  protected static boolean quietly(BooleanSupplier condition) {
    try {
      return condition.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }
}

package dev.baton.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** On the SDK's test server, with real time: heartbeat timeouts are enforced as in a cluster. */
class LivenessBeatsTest {
  @ActivityInterface
  public interface Slow {
    String work(long millis);
  }

  /** Beats once with its progress, then stays silent longer than its heartbeat timeout. */
  public static class SlowImpl implements Slow {
    @Override
    public String work(long millis) {
      Activity.getExecutionContext().heartbeat("half way");
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "done";
    }
  }

  @WorkflowInterface
  public interface Caller {
    @WorkflowMethod
    String call();
  }

  public static class CallerImpl implements Caller {
    @Override
    public String call() {
      Slow slow =
          Workflow.newActivityStub(
              Slow.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(20))
                  .setHeartbeatTimeout(Duration.ofSeconds(1))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      return slow.work(3_000);
    }
  }

  @Test
  void aSilentActivityOutlivesItsHeartbeatTimeoutWhileItsWorkerLives() {
    assertThat(run(new LivenessBeats())).isEqualTo("done");
  }

  @Test
  void withoutTheBeatsTheSameActivityTimesOut() {
    assertThatThrownBy(() -> run())
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOf(TimeoutFailure.class);
  }

  private static String run(WorkerInterceptor... interceptors) {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptors).build())
                .build());
    try {
      Worker worker = env.newWorker("beats");
      worker.registerWorkflowImplementationTypes(CallerImpl.class);
      worker.registerActivitiesImplementations(new SlowImpl());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      return client
          .newWorkflowStub(Caller.class, WorkflowOptions.newBuilder().setTaskQueue("beats").build())
          .call();
    } finally {
      env.close();
    }
  }
}

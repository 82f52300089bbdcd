package dev.baton.workflows.support;

import dev.baton.workflows.ports.DockerActivities;
import dev.baton.workflows.ports.StateActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Activity stubs with the timeouts that make crash recovery quick: every Docker call has a {@link
 * #HEARTBEAT} timeout, and its worker beats while the call runs (the activities' {@code
 * LivenessBeats}), so a call whose worker died (a Baton replica killed) is retried by another
 * worker within seconds, however long the call itself may take.
 */
public final class Ports {
  public static final String TASK_QUEUE = "baton";
  static final Duration SHORT_CALL = Duration.ofSeconds(10);
  static final Duration HEARTBEAT = Duration.ofSeconds(4);

  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(500))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(10))
          .setMaximumAttempts(20)
          .build();

  private final DockerActivities docker;
  private final StateActivities state;

  public Ports() {
    this.docker =
        Workflow.newActivityStub(
            DockerActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(SHORT_CALL)
                .setHeartbeatTimeout(HEARTBEAT)
                .setRetryOptions(RETRY)
                .build());
    this.state =
        Workflow.newLocalActivityStub(
            StateActivities.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RETRY)
                .build());
  }

  /** Quick Docker calls: create, start, inspect, list, remove. */
  public DockerActivities docker() {
    return docker;
  }

  /** Runtime state writes, as local activities (in-process, no task-queue round trip). */
  public StateActivities state() {
    return state;
  }

  /** A stub for a call that may take {@code budget}: it must heartbeat, so a dead worker shows. */
  public DockerActivities dockerLong(Duration budget) {
    return Workflow.newActivityStub(
        DockerActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(budget.plus(Duration.ofSeconds(30)))
            .setHeartbeatTimeout(HEARTBEAT)
            .setRetryOptions(RETRY)
            .build());
  }

  /** Stopping waits for the container's grace period. */
  public DockerActivities dockerStop(long graceMillis) {
    return Workflow.newActivityStub(
        DockerActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(SHORT_CALL.plusMillis(graceMillis))
            .setHeartbeatTimeout(HEARTBEAT)
            .setRetryOptions(RETRY)
            .build());
  }

  /** Pulls heartbeat their progress; a large image may take minutes. */
  public DockerActivities dockerPull() {
    return Workflow.newActivityStub(
        DockerActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(15))
            .setHeartbeatTimeout(HEARTBEAT)
            .setRetryOptions(RETRY)
            .build());
  }

  /**
   * A stub of {@code activities} for calls that may take up to {@code budget} (a volume's archive):
   * they heartbeat, so an attempt whose worker died is retried after {@code heartbeat}.
   */
  public static <T> T heartbeating(Class<T> activities, Duration budget, Duration heartbeat) {
    return Workflow.newActivityStub(
        activities,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(budget)
            .setHeartbeatTimeout(heartbeat)
            .setRetryOptions(RETRY)
            .build());
  }

  /**
   * A local-activity stub of {@code activities}: quick state reads and writes, as {@link #state}.
   */
  public static <T> T local(Class<T> activities) {
    return Workflow.newLocalActivityStub(
        activities,
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RETRY)
            .build());
  }

  /**
   * A stub that gives up soon: for calls whose failure is itself the answer (a host that does not
   * answer, a repair that will be tried again on the next pass).
   */
  public static <T> T fewTries(
      Class<T> activities, Duration timeout, int attempts, String... fatal) {
    return Workflow.newActivityStub(
        activities,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(timeout)
            .setHeartbeatTimeout(HEARTBEAT)
            .setRetryOptions(
                RetryOptions.newBuilder().setMaximumAttempts(attempts).setDoNotRetry(fatal).build())
            .build());
  }
}

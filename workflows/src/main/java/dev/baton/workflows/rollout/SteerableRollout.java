package dev.baton.workflows.rollout;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;

/**
 * The signals and query every rollout answers (deploy, rollback, scale), so the API steers them
 * alike by workflow id.
 */
public interface SteerableRollout {

  /** Holds the rollout before its next slot; the slots in flight finish. */
  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  /** Stops the rollout and rolls back whatever already moved. */
  @SignalMethod
  void abort(String reason);

  @QueryMethod
  RolloutProgress progress();
}

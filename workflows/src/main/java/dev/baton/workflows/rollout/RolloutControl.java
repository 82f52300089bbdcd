package dev.baton.workflows.rollout;

import io.temporal.workflow.Workflow;

/** Pause, resume and abort, as set by signals and read between batches. */
final class RolloutControl {
  private boolean paused;
  private String abortReason;

  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
  }

  void abort(String reason) {
    abortReason = reason == null || reason.isBlank() ? "aborted" : reason;
  }

  boolean paused() {
    return paused;
  }

  boolean aborted() {
    return abortReason != null;
  }

  String abortReason() {
    return abortReason;
  }

  /** Blocks while paused; returns false when the rollout was aborted. */
  boolean proceed() {
    Workflow.await(() -> !paused || abortReason != null);
    return abortReason == null;
  }
}

package dev.baton.workflows.rollout;

import dev.baton.workflows.model.OperationStatus;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/** What the {@code progress} query answers: where the rollout is and why it waits. */
@NullMarked
public record RolloutProgress(
    String operationId,
    int revision,
    OperationStatus status,
    String phase,
    @Nullable String error,
    List<ServiceProgress> services) {

  /** One service: its batches and each slot's latest step. */
  public record ServiceProgress(
      String service,
      int revision,
      int batch,
      int batches,
      int replicas,
      int failures,
      List<SlotProgress> slots) {}

  /** One slot: state is pulling, creating, starting, health-checking, healthy, failed, stopped. */
  public record SlotProgress(
      int slot, int revision, @Nullable String host, String state, @Nullable String detail) {}
}

package dev.baton.service.operations;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.baton.service.api.Links;
import dev.baton.service.api.OperationLinks;
import dev.baton.workflows.rollout.RolloutProgress;
import org.jspecify.annotations.Nullable;

/** An operation with its links and, while it runs, the rollout's live progress. */
public record OperationView(
    @JsonUnwrapped OperationRow operation,
    @Nullable RolloutProgress progress,
    OperationLinks links) {

  public static OperationView of(
      OperationRow row, @Nullable RolloutProgress progress, Links links) {
    return new OperationView(
        row, progress, links.operation(row.id(), row.app(), row.workflowId(), row.runId()));
  }
}

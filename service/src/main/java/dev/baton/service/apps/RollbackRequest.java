package dev.baton.service.apps;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"toRevision": 2, "reason": "…", "replicas": "current"}}; all optional (default: the last
 * good revision, with the replica counts the app runs now; {@code "replicas": "revision"} takes
 * that revision's counts).
 */
public record RollbackRequest(
    @PositiveOrZero(message = "must be a revision number >= 1") @Nullable Integer toRevision,
    @Nullable String reason,
    @Pattern(regexp = "current|revision", message = "must be current or revision")
        @Nullable String replicas) {

  /** Whether the rollback takes the revision's replica counts instead of the running ones. */
  public boolean revisionReplicas() {
    return "revision".equals(replicas);
  }
}

package dev.baton.service.apps;

import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

/** {@code {"toRevision": 2, "reason": "…"}}; both optional (default: the last good revision). */
public record RollbackRequest(
    @PositiveOrZero(message = "must be a revision number >= 1") @Nullable Integer toRevision,
    @Nullable String reason) {}

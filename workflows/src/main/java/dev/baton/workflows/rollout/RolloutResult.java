package dev.baton.workflows.rollout;

import dev.baton.workflows.model.OperationStatus;

/** How a rollout ended and which revision the app runs afterwards (0: none). */
public record RolloutResult(OperationStatus status, String error, int runningRevision) {}

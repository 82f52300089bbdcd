package dev.baton.workflows.deploy;

import dev.baton.workflows.model.OperationStatus;

/** How a rollout ended and which revision the app runs afterwards (0: none). */
public record DeployResult(OperationStatus status, String error, int runningRevision) {}

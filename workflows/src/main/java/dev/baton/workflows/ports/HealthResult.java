package dev.baton.workflows.ports;

import dev.baton.workflows.model.Instance;

/** Outcome of a health wait; {@code reason} says why it failed ("exited with code 1", ...). */
public record HealthResult(boolean healthy, String reason, Instance instance) {}

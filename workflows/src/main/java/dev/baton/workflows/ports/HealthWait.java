package dev.baton.workflows.ports;

import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.ServiceSpec;

/** Wait until {@code instance} is healthy, has failed, or {@code budgetMillis} is spent. */
public record HealthWait(Instance instance, ServiceSpec service, long budgetMillis) {}

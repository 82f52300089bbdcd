package dev.baton.workflows.ports;

import dev.baton.workflows.model.ServiceSpec;

/** Everything needed to create one instance: its identity, its host and its service's spec. */
public record CreateRequest(
    String operationId, String app, int revision, int slot, String host, ServiceSpec service) {}

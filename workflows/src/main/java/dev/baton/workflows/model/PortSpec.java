package dev.baton.workflows.model;

/**
 * A container port to publish. {@code published} 0 lets the engine choose a free host port, so
 * several replicas and start-first rollouts can share a host.
 */
public record PortSpec(int target, int published, String hostIp, String protocol) {}

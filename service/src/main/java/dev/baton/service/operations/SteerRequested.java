package dev.baton.service.operations;

/** The 202 answer to pause, resume or abort: the rollout takes the request at its next step. */
public record SteerRequested(String id, String requested) {}

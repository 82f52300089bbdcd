package dev.baton.workflows.ports;

/**
 * One entry of an operation's append-only event log. {@code seq} is assigned by the workflow, so a
 * retried write is an upsert of the same row and the log has no gaps.
 */
public record EventRecord(
    String app, String operationId, int seq, String type, String service, String message) {}

package dev.baton.service.operations;

import dev.baton.workflows.model.OperationStatus;
import org.jspecify.annotations.Nullable;

/** The last message of an event stream: how the operation ended. */
public record StatusEvent(String id, OperationStatus status, @Nullable String error) {}

package dev.baton.service.operations;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One entry of an operation's event log, in {@code seq} order. */
public record EventView(
    int seq,
    String type,
    @Nullable String service,
    @Nullable String message,
    @Nullable String actor,
    Instant at) {}

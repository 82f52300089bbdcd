package dev.baton.service.apps;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An app's own row with the newest revision it has (running or not). */
public record AppHeader(
    String name,
    @Nullable Integer currentRevision,
    @Nullable Integer latestRevision,
    Instant createdAt,
    Instant updatedAt) {}

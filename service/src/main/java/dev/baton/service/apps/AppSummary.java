package dev.baton.service.apps;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An app in the list: its name and the revision it runs (none before its first good rollout). */
public record AppSummary(
    String name, @Nullable Integer currentRevision, Instant createdAt, Instant updatedAt) {}

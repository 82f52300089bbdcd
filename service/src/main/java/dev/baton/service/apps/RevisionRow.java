package dev.baton.service.apps;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A revision as stored, its spec still JSON text (see {@link RevisionView}). */
public record RevisionRow(
    int number,
    @Nullable Integer currentRevision,
    String digest,
    @Nullable String createdBy,
    @Nullable String reason,
    @Nullable String outcome,
    Instant createdAt,
    String spec,
    @Nullable String warnings) {}

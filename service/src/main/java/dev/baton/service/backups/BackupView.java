package dev.baton.service.backups;

import dev.baton.workflows.ports.BackupRecord;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One backup of a named volume: where its file is in the backup store ({@code path}), its size and
 * SHA-256 once COMPLETE, the host the volume was on, and the operation that made it.
 */
public record BackupView(
    String id,
    String app,
    String volume,
    BackupRecord.Status status,
    String host,
    String path,
    @Nullable Long sizeBytes,
    @Nullable String sha256,
    String operationId,
    Instant createdAt,
    @Nullable Instant completedAt) {}

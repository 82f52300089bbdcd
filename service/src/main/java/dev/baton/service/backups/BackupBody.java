package dev.baton.service.backups;

import org.jspecify.annotations.Nullable;

/** {@code {"reason": "…"}}, optional: why the backup was taken (shown with the operation). */
public record BackupBody(@Nullable String reason) {}

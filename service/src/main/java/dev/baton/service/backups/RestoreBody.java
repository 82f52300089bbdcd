package dev.baton.service.backups;

import dev.baton.workflows.backup.BackupIds;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/** {@code {"backup": "20250301-142233-5f0a9c", "reason": "…"}}: the backup to restore. */
public record RestoreBody(
    @NotNull(message = "required: the id of the backup to restore")
        @Pattern(
            regexp = BackupIds.PATTERN,
            message = "'${validatedValue}' is not a backup id (like 20250301-142233-5f0a9c)")
        String backup,
    @Nullable String reason) {}

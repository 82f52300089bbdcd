package dev.baton.service.volumes;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One named volume of an app: its key in the Compose file (with {@code -<slot>} for a volume per
 * replica), its name on the engine, its host, and its size on disk (null when the host does not
 * answer).
 */
public record VolumeView(
    String volume, String name, String host, @Nullable Long sizeBytes, Instant createdAt) {}

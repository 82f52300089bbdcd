package dev.baton.service.tokens;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An API token as listed: never its secret, nor the secret's hash. */
public record TokenView(
    long id,
    String name,
    String role,
    Instant createdAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt) {}

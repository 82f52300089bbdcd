package dev.baton.service.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An audit row as the API lists it. */
public record AuditEntry(
    long id,
    String requestId,
    @Nullable String tokenName,
    String method,
    String action,
    String target,
    @Nullable String source,
    int outcome,
    Instant at) {}

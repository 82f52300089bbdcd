package dev.baton.service.apps;

import dev.baton.service.api.ServiceName;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code {"replicas": {"web": 5}, "reason": "…"}}. */
public record ScaleRequest(
    @NotEmpty(message = "name at least one service and its count")
        Map<@ServiceName String, @NotNull Integer> replicas,
    @Nullable String reason) {}

package dev.baton.service.hosts;

import dev.baton.service.api.DnsLabel;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code {"name", "endpoint", "labels": {...}}}: an engine to join. */
public record HostRequest(
    @NotNull @DnsLabel String name,
    @Nullable String endpoint,
    @Nullable Map<String, String> labels) {}

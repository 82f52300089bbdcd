package dev.baton.service.tokens;

import dev.baton.service.api.DnsLabel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /tokens}. */
public record NewTokenRequest(
    @NotNull @DnsLabel String name,
    @NotNull(message = "'null' is not one of viewer, deployer, admin")
        @Pattern(
            regexp = "viewer|deployer|admin",
            message = "'${validatedValue}' is not one of viewer, deployer, admin")
        String role) {}

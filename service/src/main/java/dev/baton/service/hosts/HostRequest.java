package dev.baton.service.hosts;

import dev.baton.service.api.DnsLabel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"name", "endpoint", "address", "labels": {...}}}: an engine to join; {@code address}: the
 * IP address other hosts and clients reach it by (default: a {@code tcp://} endpoint's; for a unix
 * socket the one a known host has, else 127.0.0.1). It must be a literal, not a name: Docker binds
 * what the host publishes to it.
 */
public record HostRequest(
    @NotNull @DnsLabel String name,
    @Nullable String endpoint,
    @Nullable
        @Pattern(
            regexp = IPV4 + "|" + IPV6,
            message =
                "'${validatedValue}' is not an IP address (e.g. 10.0.0.5): Docker binds published"
                    + " ports to it")
        String address,
    @Nullable Map<String, String> labels) {

  private static final String IPV4_PART = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  static final String IPV4 = "(" + IPV4_PART + "\\.){3}" + IPV4_PART;

  /** Hex groups and colons (at most 8 groups), optionally ending in an IPv4 address. */
  static final String IPV6 = "([0-9a-fA-F]{0,4}:){2,7}([0-9a-fA-F]{1,4}|" + IPV4 + ")?";
}

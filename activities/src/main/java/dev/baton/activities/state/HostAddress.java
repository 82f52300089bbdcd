package dev.baton.activities.state;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** The address a host is reached by when its join names none. */
public final class HostAddress {
  /** A new host on a local socket: the engine runs on Baton's machine. */
  static final String LOCAL = "127.0.0.1";

  private HostAddress() {}

  /**
   * {@code given} if set; else the engine's own address for {@code tcp://ADDR:PORT}; else null: a
   * unix socket does not say where its machine is (it may be a proxy in front of the engine), so a
   * known host keeps the address it has and a new one gets {@value #LOCAL}.
   */
  public static @Nullable String of(String endpoint, @Nullable String given) {
    if (given != null && !given.isBlank()) {
      return given.trim();
    }
    if (endpoint.startsWith("tcp://")) {
      String host = URI.create(endpoint).getHost();
      if (host != null && !host.isBlank()) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      }
    }
    return null;
  }
}

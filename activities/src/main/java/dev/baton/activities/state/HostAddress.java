package dev.baton.activities.state;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** The address a host is reached by when its join names none. */
public final class HostAddress {
  private HostAddress() {}

  /**
   * {@code given} if set; else the engine's own address for {@code tcp://ADDR:PORT}, else 127.0.0.1
   * (a local socket: the engine runs on this machine).
   */
  public static String of(String endpoint, @Nullable String given) {
    if (given != null && !given.isBlank()) {
      return given.trim();
    }
    if (endpoint.startsWith("tcp://")) {
      String host = URI.create(endpoint).getHost();
      if (host != null && !host.isBlank()) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      }
    }
    return "127.0.0.1";
  }
}

package dev.baton.workflows.model;

import java.util.List;

/**
 * A service on one of its app's networks (Compose {@code services.<s>.networks}), reachable there
 * by its name and by {@code aliases}. The network {@code default} is the app's own.
 */
public record NetworkAttachment(String network, List<String> aliases) {
  public static final String DEFAULT = "default";

  /** A service that lists no networks is on the app's default network only. */
  public static final List<NetworkAttachment> DEFAULT_ONLY =
      List.of(new NetworkAttachment(DEFAULT, List.of()));
}

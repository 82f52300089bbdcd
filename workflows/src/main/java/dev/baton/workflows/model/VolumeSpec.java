package dev.baton.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A top-level Compose named volume: {@code name} is what the engine calls it (Compose's {@code
 * name:}, else {@code baton-<app>_<key>}), made with {@code driver} (only {@code local}) and its
 * options, or {@code external}: made beforehand on the host, never created or deleted by Baton.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record VolumeSpec(
    String name,
    String driver,
    Map<String, String> driverOptions,
    Map<String, String> labels,
    boolean external) {

  /** The engine's name of a volume the file does not name: one per app, like Compose's. */
  public static String defaultName(String app, String key) {
    return "baton-" + app + "_" + key;
  }
}

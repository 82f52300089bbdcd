package dev.baton.service.spec;

/**
 * One problem found in an app spec.
 *
 * @param path dotted key path such as {@code services.web.deploy.update_config.parallelism}; list
 *     items are written {@code services.web.ports[0]}; empty for the whole document
 * @param line 1-based line of the offending key in the YAML, or null when unknown
 * @param message what is wrong, starting with the path
 */
public record SpecError(String path, Integer line, String message) {

  @Override
  public String toString() {
    return (line == null ? "" : "line " + line + ": ") + message;
  }
}

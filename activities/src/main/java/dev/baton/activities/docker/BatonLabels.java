package dev.baton.activities.docker;

import java.util.Map;

/** The labels that tie a container to its app, service, revision and slot. */
final class BatonLabels {
  static final String APP = "baton.app";
  static final String SERVICE = "baton.service";
  static final String REVISION = "baton.revision";
  static final String SLOT = "baton.slot";
  static final String OPERATION = "baton.operation";

  /**
   * The container port whose published address is the instance's address, as "8080/tcp". Docker
   * keeps ports in a map, so without it "the first port" of a multi-port service is lost.
   */
  static final String PRIMARY_PORT = "baton.port";

  private BatonLabels() {}

  static int intLabel(Map<String, String> labels, String key) {
    String value = labels == null ? null : labels.get(key);
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String label(Map<String, String> labels, String key) {
    return labels == null ? null : labels.get(key);
  }
}

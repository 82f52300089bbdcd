package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a Compose file against the Compose Specification and against the keys Baton accepts
 * ({@code compose-baton.json}). A key outside both is a typo; a Compose key outside Baton's subset
 * is answered with why Baton does without it, where there is a reason to give.
 */
final class SupportedKeys {

  private static final Map<String, String> HINTS =
      Map.ofEntries(
          Map.entry("build", "images must come from a registry"),
          Map.entry("volumes", "instances are replaceable and keep no state on a host"),
          Map.entry("external", "an app's networks are its own, made by Baton on each host"),
          Map.entry("secrets", "pass configuration through environment"),
          Map.entry("configs", "pass configuration through environment"),
          Map.entry("container_name", "Baton names containers <app>-<service>-r<rev>-<slot>"),
          Map.entry("restart", "Baton itself replaces crashed instances"),
          Map.entry("env_file", "write the variables under environment"),
          Map.entry("extends", "write the service out in full"),
          Map.entry("include", "put the whole app in one file"),
          Map.entry("profiles", "every service of an app is deployed"),
          Map.entry("version", "the key is obsolete in Compose; remove it"),
          Map.entry("network_mode", "Baton puts every app on its own network"),
          Map.entry("privileged", "it is not allowed"),
          Map.entry("mode", "only replicated services exist"));

  private SupportedKeys() {}

  static void check(JsonNode root, ComposeProblems problems) {
    List<ComposeSchema.Violation> official = ComposeSchema.official().validate(root);
    Set<String> notCompose = new HashSet<>();
    for (ComposeSchema.Violation v : official) {
      if (v.unknownKey()) {
        notCompose.add(v.path());
      }
    }
    for (ComposeSchema.Violation v : ComposeSchema.baton().validate(root)) {
      if (!v.unknownKey()) {
        continue; // compose-baton.json lists keys only: nothing else can fail in it
      }
      if (notCompose.contains(v.path())) {
        problems.error(
            v.path(), "unknown key (not part of the Compose specification nor of Baton)");
      } else {
        String hint = HINTS.get(key(v.path()));
        problems.error(
            v.path(), "not supported by Baton" + (hint == null ? "" : " (" + hint + ")"));
      }
    }
    for (ComposeSchema.Violation v : official) {
      problems.error(v.path(), v.message());
    }
  }

  private static String key(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}

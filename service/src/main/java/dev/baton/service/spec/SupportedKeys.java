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

  private static final String HOST = "it would give the container the host; ";

  private static final Map<String, String> HINTS =
      Map.ofEntries(
          Map.entry("external", "an app's networks are its own, made by Baton on each host"),
          Map.entry("include", "put the whole app in one file"),
          Map.entry("network_mode", HOST + "Baton puts every app on networks of its own"),
          Map.entry("privileged", HOST + "grant only what it needs with cap_add"),
          Map.entry("pid", HOST + "each container keeps its own process namespace"),
          Map.entry("ipc", HOST + "use shm_size for shared memory"),
          Map.entry("userns_mode", HOST + "leave the engine's user namespace setting"),
          Map.entry("cgroup_parent", HOST + "use deploy.resources to limit the container"),
          Map.entry("devices", HOST + "a host's devices cannot follow an instance to another host"),
          Map.entry("security_opt", HOST + "use cap_add and cap_drop"),
          Map.entry(
              "volumes_from", "instances share no files; use the service's name over the network"),
          Map.entry("links", "remove it: every service answers to its name on the app's networks"),
          Map.entry("external_links", "remove it: other apps are reached by their published ports"),
          Map.entry("ports", "a port range cannot be balanced; list each port"));

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

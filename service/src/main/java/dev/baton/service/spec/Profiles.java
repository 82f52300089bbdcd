package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compose's {@code profiles}: a service that lists profiles runs only when one of them is chosen
 * ({@code *} chooses all); a service without profiles always runs. A running service that depends
 * on one left out is an error naming the profiles that would bring it.
 */
final class Profiles {

  private Profiles() {}

  /** Removes the services no chosen profile enables; returns their names. */
  static List<String> apply(JsonNode root, List<String> chosen, ComposeProblems problems) {
    List<String> dropped = new ArrayList<>();
    if (!(root.get("services") instanceof ObjectNode services)) {
      return dropped;
    }
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    services.fields().forEachRemaining(entries::add);
    for (Map.Entry<String, JsonNode> e : entries) {
      JsonNode profiles = e.getValue().path("profiles");
      if (profiles.isArray() && !profiles.isEmpty() && !enabled(profiles, chosen)) {
        dropped.add(e.getKey());
      }
    }
    for (Map.Entry<String, JsonNode> e : entries) {
      if (dropped.contains(e.getKey())) {
        continue;
      }
      JsonNode deps = e.getValue().path("depends_on");
      List<String> names = new ArrayList<>();
      if (deps.isArray()) {
        deps.forEach(d -> names.add(d.asText()));
      } else if (deps.isObject()) {
        deps.fieldNames().forEachRemaining(names::add);
      }
      for (String dep : names) {
        if (dropped.contains(dep)) {
          problems.error(
              "services." + e.getKey() + ".depends_on",
              "depends on '"
                  + dep
                  + "', which runs only with profile "
                  + services.get(dep).get("profiles")
                  + ": choose one of them, or remove the dependency");
        }
      }
    }
    dropped.forEach(services::remove);
    // What stays runs whatever profiles are chosen when the resolved file is read again.
    services.forEach(
        service -> {
          if (service instanceof ObjectNode s) {
            s.remove("profiles");
          }
        });
    return dropped;
  }

  private static boolean enabled(JsonNode profiles, List<String> chosen) {
    if (chosen.contains("*")) {
      return true;
    }
    for (JsonNode p : profiles) {
      if (chosen.contains(p.asText())) {
        return true;
      }
    }
    return false;
  }
}

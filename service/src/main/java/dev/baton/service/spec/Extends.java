package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compose's {@code extends} within one file: a service starts as a copy of the one it extends
 * (itself resolved first) and its own keys override, by Compose's merge rules: mappings merge key
 * by key (environment and labels in either form), sequences add what is not there yet, {@code
 * command}, {@code entrypoint} and a healthcheck's {@code test} replace, and {@code depends_on} is
 * never inherited. Another file, a missing service and a cycle are errors at the key.
 */
final class Extends {

  private static final Set<String> REPLACED = Set.of("command", "entrypoint", "test");
  private static final Set<String> NOT_INHERITED = Set.of("depends_on", "extends");
  private static final Set<String> KEY_VALUES = Set.of("environment", "labels");

  private final ComposeProblems problems;
  private final ObjectNode services;
  private final Map<String, ObjectNode> resolved = new HashMap<>();
  private final Set<String> resolving = new LinkedHashSet<>();

  private Extends(ComposeProblems problems, ObjectNode services) {
    this.problems = problems;
    this.services = services;
  }

  /** Replaces every service that extends another by the merged service, in place. */
  static void resolve(JsonNode root, ComposeProblems problems) {
    if (root.get("services") instanceof ObjectNode services) {
      Extends ext = new Extends(problems, services);
      List<String> names = new ArrayList<>();
      services.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        ObjectNode merged = ext.service(name);
        if (merged != null) {
          services.set(name, merged);
        }
      }
    }
  }

  private ObjectNode service(String name) {
    if (resolved.containsKey(name)) {
      return resolved.get(name);
    }
    if (!(services.get(name) instanceof ObjectNode own)) {
      return null;
    }
    JsonNode ext = own.get("extends");
    if (ext == null) {
      return own;
    }
    String path = "services." + name + ".extends";
    String base = ext.isTextual() ? ext.asText() : ext.path("service").asText(null);
    if (ext.isObject() && ext.hasNonNull("file")) {
      problems.error(
          path + ".file", "extends from another file is not supported; copy that service here");
      return own;
    }
    if (base == null || !services.has(base)) {
      problems.error(path, "extends '" + base + "', which is not a service of this file");
      return own;
    }
    if (!resolving.add(name)) {
      problems.error(path, "extends itself through " + String.join(" -> ", resolving));
      return own;
    }
    ObjectNode parent = service(base);
    resolving.remove(name);
    ObjectNode merged = parent == null ? own.deepCopy() : parent.deepCopy();
    NOT_INHERITED.forEach(merged::remove);
    override(merged, own);
    merged.remove("extends");
    resolved.put(name, merged);
    return merged;
  }

  private static void override(ObjectNode into, ObjectNode over) {
    over.fields()
        .forEachRemaining(
            e -> {
              String key = e.getKey();
              JsonNode mine = into.get(key);
              JsonNode theirs = e.getValue();
              if (KEY_VALUES.contains(key)) {
                mine = asMapping(mine);
                theirs = asMapping(theirs);
              }
              if (mine instanceof ObjectNode m && theirs instanceof ObjectNode t) {
                ObjectNode copy = m.deepCopy();
                override(copy, t);
                into.set(key, copy);
              } else if (mine instanceof ArrayNode m
                  && theirs instanceof ArrayNode t
                  && !REPLACED.contains(key)) {
                ArrayNode copy = m.deepCopy();
                t.forEach(
                    item -> {
                      if (!contains(copy, item)) {
                        copy.add(item);
                      }
                    });
                into.set(key, copy);
              } else {
                into.set(key, theirs.deepCopy());
              }
            });
  }

  private static boolean contains(ArrayNode list, JsonNode item) {
    for (JsonNode each : list) {
      if (each.equals(item)) {
        return true;
      }
    }
    return false;
  }

  /** environment / labels as a mapping: a list of KEY=VALUE (or KEY) becomes KEY: VALUE (null). */
  private static JsonNode asMapping(JsonNode node) {
    if (!(node instanceof ArrayNode list)) {
      return node;
    }
    ObjectNode map = JsonNodeFactory.instance.objectNode();
    for (JsonNode item : list) {
      if (!item.isTextual()) {
        return node; // not a KEY=VALUE list: the value readers report it
      }
      String text = item.asText();
      int eq = text.indexOf('=');
      if (eq < 0) {
        map.putNull(text);
      } else {
        map.put(text.substring(0, eq), text.substring(eq + 1));
      }
    }
    return map;
  }
}

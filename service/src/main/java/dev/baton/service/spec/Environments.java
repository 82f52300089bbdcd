package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each service's environment as Compose builds it: the variables of its {@code env_file}s in order,
 * then its own {@code environment}, which wins. A name without a value takes the caller's variable
 * of that name, and is left out (with a warning) when there is none, as Compose does. The env
 * files' contents come with the request, by the path the file names.
 */
final class Environments {

  private final ComposeProblems problems;
  private final Map<String, String> variables;
  private final Map<String, String> files;
  private final Interpolation interpolation;

  Environments(
      ComposeProblems problems,
      Map<String, String> variables,
      Map<String, String> files,
      Interpolation interpolation) {
    this.problems = problems;
    this.variables = variables;
    this.files = files;
    this.interpolation = interpolation;
  }

  /** Sets every service's {@code environment} to the merged mapping and drops {@code env_file}. */
  void apply(JsonNode root) {
    if (!(root.get("services") instanceof ObjectNode services)) {
      return;
    }
    services
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue() instanceof ObjectNode service) {
                merge("services." + e.getKey(), service);
              }
            });
  }

  private void merge(String path, ObjectNode service) {
    JsonNode envFile = service.get("env_file");
    JsonNode own = service.get("environment");
    if (envFile == null && !hasBareName(own)) {
      return;
    }
    ObjectNode env = JsonNodeFactory.instance.objectNode();
    for (Map<String, String> file : envFiles(path + ".env_file", envFile)) {
      file.forEach((k, v) -> put(env, path + ".env_file", k, v));
    }
    if (own != null && own.isObject()) {
      own.fields()
          .forEachRemaining(x -> putNode(env, path + ".environment", x.getKey(), x.getValue()));
    } else if (own != null && own.isArray()) {
      for (JsonNode item : own) {
        String text = item.asText();
        int eq = text.indexOf('=');
        put(
            env,
            path + ".environment",
            eq < 0 ? text : text.substring(0, eq),
            eq < 0 ? null : text.substring(eq + 1));
      }
    } else if (own != null && !own.isNull()) {
      return; // not a mapping nor a list: the value readers report it
    }
    service.remove("env_file");
    service.set("environment", env);
  }

  private void putNode(ObjectNode env, String path, String key, JsonNode value) {
    if (value == null || value.isNull()) {
      put(env, path, key, null);
    } else {
      env.set(key, value);
    }
  }

  /** A name without a value takes the caller's variable; with none it is left out. */
  private void put(ObjectNode env, String path, String key, String value) {
    if (value != null) {
      env.put(key, value);
    } else if (variables.containsKey(key)) {
      env.put(key, variables.get(key));
    } else {
      env.remove(key);
      problems.warn(
          path, key + " has no value and no variable " + key + " was given: it is left out");
    }
  }

  /** The variables of each env file, interpolated, in the order the service names them. */
  private List<Map<String, String>> envFiles(String path, JsonNode node) {
    List<Map<String, String>> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String p = node.isArray() ? path + "[" + i + "]" : path;
      String name = item.isTextual() ? item.asText() : item.path("path").asText(null);
      boolean required = !item.isObject() || item.path("required").asBoolean(true);
      if (name == null) {
        problems.error(p, "must be a path, or a mapping with 'path'");
        continue;
      }
      String content = files.get(normal(name));
      if (content == null) {
        if (required) {
          problems.error(
              p,
              "the file '"
                  + name
                  + "' was not sent with the request (baton deploy and baton plan send the files"
                  + " env_file names; over the API put its content in 'files')");
        }
        continue;
      }
      try {
        out.add(DotEnv.parse(content, v -> interpolate(p, v)));
      } catch (IllegalArgumentException e) {
        problems.error(p, "'" + name + "' " + e.getMessage());
      }
    }
    return out;
  }

  private String interpolate(String path, String value) {
    try {
      return interpolation.apply(value);
    } catch (Interpolation.Failure e) {
      problems.error(path, e.getMessage());
      return "";
    }
  }

  /** A path as a key of the request's files: without a leading ./ */
  static String normal(String path) {
    String p = path.strip();
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p;
  }

  private static boolean hasBareName(JsonNode own) {
    if (own == null) {
      return false;
    }
    if (own.isArray()) {
      for (JsonNode item : own) {
        if (item.isTextual() && item.asText().indexOf('=') < 0) {
          return true;
        }
      }
      return false;
    }
    if (own.isObject()) {
      for (JsonNode v : own) {
        if (v.isNull()) {
          return true;
        }
      }
    }
    return false;
  }
}

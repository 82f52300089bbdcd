package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.workflows.model.FileMount;
import dev.baton.workflows.model.FileMount.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compose {@code secrets} and {@code configs}, and relative binds of a file sent with the request
 * (read as configs). The values come from the request ({@code file:} contents in its files, {@code
 * environment:} from its variables, a config's {@code content:}) or from Baton's store ({@code
 * external}, or a file not sent again: its newest stored value, with a warning). The spec gets
 * references only ({@link FileMount}); the values go to {@link #values()}, stored at accept.
 */
final class SecretsBuilder {
  /** Swarm's limit for a secret or config. */
  static final int MAX_BYTES = 500 * 1024;

  /** A relative bind whose file came with the request: written like a config. */
  record RelativeFile(String path, String source, String target, boolean readOnly) {}

  private record Declared(String scope, String name, String digest) {}

  private final ComposeProblems problems;
  private final ValueReader values;
  private final SecretValues store;
  private final String app;
  private final Map<String, String> files;
  private final Map<String, String> variables;
  private final Map<Kind, Map<String, Declared>> declared = new HashMap<>();
  // Declared, but unusable for a reason already reported: no second error where it is used.
  private final java.util.Set<String> unusable = new java.util.HashSet<>();
  private final List<SecretValue> toStore = new ArrayList<>();

  SecretsBuilder(
      ComposeProblems problems,
      ValueReader values,
      SecretValues store,
      String app,
      Map<String, String> files,
      Map<String, String> variables) {
    this.problems = problems;
    this.values = values;
    this.store = store;
    this.app = app;
    this.files = files;
    this.variables = variables;
  }

  /** What the request brought that the accepted deploy stores. */
  List<SecretValue> values() {
    return List.copyOf(toStore);
  }

  /** Reads the top-level {@code secrets} and {@code configs}. */
  void declare(JsonNode root) {
    for (Kind kind : Kind.values()) {
      String key = key(kind);
      Map<String, Declared> out = new HashMap<>();
      declared.put(kind, out);
      JsonNode node = root.get(key);
      if (node == null || !values.mapping(key, node) || node.isEmpty()) {
        continue;
      }
      if (!store.enabled()) {
        problems.error(
            key,
            "Baton has no secrets key (baton.secrets.key): an admin sets one before files with "
                + key
                + " can be deployed");
        continue;
      }
      node.fields()
          .forEachRemaining(
              e -> {
                declare(kind, key + "." + e.getKey(), e, out);
                if (!out.containsKey(e.getKey())) {
                  unusable.add(kind + " " + e.getKey());
                }
              });
    }
  }

  private void declare(
      Kind kind, String p, Map.Entry<String, JsonNode> entry, Map<String, Declared> out) {
    String name = entry.getKey();
    JsonNode d = entry.getValue();
    if (!values.mapping(p, d)) {
      return;
    }
    if (d.has("external") && !d.get("external").asBoolean(d.get("external").isObject())) {
      problems.error(p + ".external", "must be true, or left out");
      return;
    }
    if (d.has("external")) {
      String stored = d.path("name").asText(d.path("external").path("name").asText(name));
      if (kind == Kind.CONFIG) {
        problems.error(p + ".external", "external configs are not supported: use content or file");
        return;
      }
      Optional<String> digest = store.latest("", kind, stored);
      if (digest.isEmpty()) {
        problems.error(
            p + ".external",
            "secret '"
                + stored
                + "' is not stored: an admin puts it first (PUT /api/v1/secrets/"
                + stored
                + ")");
        return;
      }
      out.put(name, new Declared("", stored, digest.get()));
      return;
    }
    byte[] value = value(kind, p, d, name);
    if (value == null) {
      return;
    }
    if (value.length > MAX_BYTES) {
      problems.error(p, "is " + value.length + " bytes; at most " + MAX_BYTES);
      return;
    }
    toStore.add(new SecretValue(kind, app, name, value));
    out.put(name, new Declared(app, name, store.digest(kind, name, value)));
  }

  /** The value from the request, or null (a stored one is then used, or an error reported). */
  private byte[] value(Kind kind, String p, JsonNode d, String name) {
    if (d.has("content") && kind == Kind.CONFIG) {
      return d.get("content").asText().getBytes(StandardCharsets.UTF_8);
    }
    String missing;
    if (d.has("file")) {
      String file = d.get("file").asText();
      String text = files.get(Environments.normal(file));
      if (text != null) {
        return text.getBytes(StandardCharsets.UTF_8);
      }
      missing =
          "file '"
              + file
              + "' was not sent with the request (the CLI sends it; over the API"
              + " put its content in files)";
    } else if (d.has("environment")) {
      String variable = d.get("environment").asText();
      String text = variables.get(variable);
      if (text != null) {
        return text.getBytes(StandardCharsets.UTF_8);
      }
      missing = "variable " + variable + " is not set";
    } else {
      problems.error(
          p, "needs file" + (kind == Kind.CONFIG ? ", content" : "") + ", environment or external");
      return null;
    }
    Optional<String> kept = store.latest(app, kind, name);
    if (kept.isPresent()) {
      problems.warn(p, missing + ": the value stored by an earlier deploy is used");
      declared.get(kind).put(name, new Declared(app, name, kept.get()));
    } else {
      problems.error(p, missing);
    }
    return null;
  }

  /** A service's {@code secrets} and {@code configs}, and its relative file binds. */
  List<FileMount> mounts(String path, JsonNode service, List<RelativeFile> binds) {
    List<FileMount> out = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      String p = path + "." + key(kind);
      JsonNode list = service.get(key(kind));
      if (list == null || !list.isArray() || !store.enabled()) {
        continue; // the Compose schema has said what else it may not be
      }
      for (int i = 0; i < list.size(); i++) {
        FileMount m = reference(kind, p + "[" + i + "]", list.get(i));
        if (m != null) {
          out.add(m);
        }
      }
    }
    for (RelativeFile bind : binds) {
      if (!store.enabled()) {
        problems.error(
            bind.path(),
            "Baton has no secrets key (baton.secrets.key): a file bound from beside the Compose"
                + " file is written like a config, which needs one");
        continue;
      }
      byte[] value = files.get(Environments.normal(bind.source())).getBytes(StandardCharsets.UTF_8);
      String name = "file:" + Environments.normal(bind.source());
      toStore.add(new SecretValue(Kind.CONFIG, app, name, value));
      String digest = store.digest(Kind.CONFIG, name, value);
      out.add(new FileMount(Kind.CONFIG, app, name, digest, bind.target(), "0", "0", 0444));
    }
    return out;
  }

  private FileMount reference(Kind kind, String p, JsonNode ref) {
    String source = ref.isTextual() ? ref.asText() : ref.path("source").asText("");
    Declared d = declared.getOrDefault(kind, Map.of()).get(source);
    if (d == null && unusable.contains(kind + " " + source)) {
      return null;
    }
    if (d == null) {
      problems.error(
          p,
          key(kind).replaceAll("s$", "")
              + " '"
              + source
              + "' is not declared under top-level "
              + key(kind));
      return null;
    }
    String target = ref.path("target").asText(source);
    if (!target.startsWith("/")) {
      target = (kind == Kind.SECRET ? "/run/secrets/" : "/") + target;
    }
    String uid = ref.path("uid").asText("0");
    String gid = ref.path("gid").asText("0");
    if (!uid.matches("\\d+") || !gid.matches("\\d+")) {
      problems.error(p, "uid and gid must be numbers (the engine writes the file by number)");
      return null;
    }
    int mode = ref.has("mode") ? mode(p + ".mode", ref.get("mode")) : 0444;
    return mode < 0
        ? null
        : new FileMount(kind, d.scope(), d.name(), d.digest(), target, uid, gid, mode);
  }

  /**
   * A file mode as Compose writes it, octal: 0440 (which this YAML reader, by YAML 1.2, reads as
   * the number 440: its digits are the octal mode people mean) or "0440".
   */
  private int mode(String p, JsonNode node) {
    String text = node.isIntegralNumber() ? node.asText() : node.isTextual() ? node.asText() : "";
    if (!text.matches("0?[0-7]{1,4}")) {
      problems.error(p, "must be an octal file mode such as 0440");
      return -1;
    }
    return Integer.parseInt(text, 8);
  }

  private static String key(Kind kind) {
    return kind == Kind.SECRET ? "secrets" : "configs";
  }
}

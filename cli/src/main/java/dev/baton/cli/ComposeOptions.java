package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine.Option;

/**
 * What {@code docker compose} reads besides the file, read the same way: the {@code .env} beside
 * the file (or each {@code --env-file}), the files the services' {@code env_file} name, the {@code
 * --profile}s, the files that secrets, configs and relative bind mounts name, and from this shell's
 * environment the variables the files use (only those: the rest of the environment stays here).
 * Baton fills the variables in, so the deploy and its plan read alike wherever they are sent from.
 */
final class ComposeOptions {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "variables file (default: .env beside the Compose file)")
  List<Path> envFiles = new ArrayList<>();

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "enable services of this profile ('*': all)")
  List<String> profiles = new ArrayList<>();

  /** The JSON body of a deploy or plan of {@code file}. */
  ObjectNode body(Path file, Map<String, String> environment) throws IOException {
    String compose = Files.readString(file);
    Path dir = file.toAbsolutePath().getParent();
    ObjectNode body = ApiClient.JSON.createObjectNode();
    body.put("compose", compose);
    StringBuilder dotenv = new StringBuilder();
    List<Path> sources = envFiles.isEmpty() ? List.of(dir.resolve(".env")) : envFiles;
    for (Path env : sources) {
      if (Files.isRegularFile(env)) {
        dotenv.append(Files.readString(env)).append('\n');
      } else if (!envFiles.isEmpty()) {
        throw new IOException("--env-file " + env + ": no such file");
      }
    }
    if (!dotenv.isEmpty()) {
      body.put("envFile", dotenv.toString());
    }
    StringBuilder scanned = new StringBuilder(compose).append(dotenv);
    Set<String> names = new LinkedHashSet<>();
    ObjectNode files = body.putObject("files");
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().build()).loadFromString(compose);
    } catch (RuntimeException unreadable) {
      doc = null; // Baton reports what is wrong with it, at its line
    }
    if (doc instanceof Map<?, ?> root && root.get("services") instanceof Map<?, ?> services) {
      for (Object service : services.values()) {
        if (service instanceof Map<?, ?> s) {
          for (String name : envFileNames(s.get("env_file"))) {
            Path path = dir.resolve(name);
            if (Files.isRegularFile(path)) {
              String text = Files.readString(path);
              files.put(name, text);
              scanned.append('\n').append(text);
            }
          }
          bareNames(s.get("environment"), names);
          for (String source : relativeBindSources(s.get("volumes"))) {
            sendIfFile(dir, source, files);
          }
        }
      }
      // secrets and configs read from a file beside the Compose file, or from a variable.
      for (String section : List.of("secrets", "configs")) {
        if (root.get(section) instanceof Map<?, ?> declared) {
          for (Object d : declared.values()) {
            if (d instanceof Map<?, ?> m && m.get("file") instanceof String path) {
              sendIfFile(dir, path, files);
            } else if (d instanceof Map<?, ?> m && m.get("environment") instanceof String var) {
              names.add(var);
            }
          }
        }
      }
    }
    Matcher m = VARIABLE.matcher(scanned);
    while (m.find()) {
      names.add(m.group(1));
    }
    ObjectNode variables = body.putObject("variables");
    for (String name : names) {
      if (environment.containsKey(name)) {
        variables.put(name, environment.get(name));
      }
    }
    body.putArray("profiles").addAll(profiles.stream().map(body::textNode).toList());
    return body;
  }

  /**
   * Sends a file the Compose file names by a path relative to itself (a directory is not sent:
   * Baton says why it refuses it). Its contents go only to Baton, which keeps them encrypted.
   */
  private static void sendIfFile(Path dir, String source, ObjectNode files) throws IOException {
    Path path =
        source.startsWith("~/")
            ? Path.of(System.getProperty("user.home")).resolve(source.substring(2))
            : dir.resolve(source);
    if (Files.isRegularFile(path)) {
      files.put(source, Files.readString(path));
    }
  }

  /** The sources of a service's bind mounts that are relative paths, short and long syntax. */
  private static List<String> relativeBindSources(Object volumes) {
    List<String> out = new ArrayList<>();
    if (!(volumes instanceof List<?> list)) {
      return out;
    }
    for (Object v : list) {
      String source = null;
      if (v instanceof String entry && entry.contains(":")) {
        source = entry.substring(0, entry.indexOf(':'));
      } else if (v instanceof Map<?, ?> m && "bind".equals(m.get("type"))) {
        source = m.get("source") instanceof String src ? src : null;
      }
      if (source != null && (source.startsWith(".") || source.startsWith("~/"))) {
        out.add(source);
      }
    }
    return out;
  }

  private static List<String> envFileNames(Object node) {
    List<String> out = new ArrayList<>();
    List<?> items = node instanceof List<?> list ? list : node == null ? List.of() : List.of(node);
    for (Object item : items) {
      if (item instanceof String s) {
        out.add(s);
      } else if (item instanceof Map<?, ?> m && m.get("path") instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }

  /** {@code - NAME} or {@code NAME:} with no value: the value comes from the environment. */
  private static void bareNames(Object environment, Set<String> names) {
    if (environment instanceof List<?> list) {
      list.stream()
          .filter(i -> i instanceof String s && !s.contains("="))
          .forEach(i -> names.add((String) i));
    } else if (environment instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            if (v == null) {
              names.add(String.valueOf(k));
            }
          });
    }
  }
}

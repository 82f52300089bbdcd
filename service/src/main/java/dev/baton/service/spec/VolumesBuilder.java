package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.VolumeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compose {@code volumes}: the top-level named volumes ({@link VolumeSpec}) and each service's
 * mounts ({@link Mount}), in short ({@code SRC:TARGET[:MODE]}) and long syntax.
 *
 * <p>An instance may be replaced on another host than the one the file was written on, so only what
 * Baton can make on any host is read: named volumes (made with the local driver, or external),
 * tmpfs, and bind mounts of host paths an admin allowed ({@code baton.volumes.bind-prefixes}). A
 * relative bind names a file beside the Compose file, which no host has: when the request brought
 * it, it is written into the container like a config ({@link SecretsBuilder}); else (a directory,
 * or a file not sent) it is refused. An anonymous volume ({@code - /data}) mounts nothing, with a
 * warning: its data would go with the container anyway, and the engine still makes one where the
 * image declares a VOLUME.
 */
final class VolumesBuilder {

  static final String PREFIXES = "baton.volumes.bind-prefixes";

  private static final String MODES = "ro, rw, nocopy, cached, delegated, consistent, z, Z";
  private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private final ComposeProblems problems;
  private final ValueReader values;
  private final List<String> bindPrefixes;
  private final Set<String> sentFiles;
  private final List<SecretsBuilder.RelativeFile> relativeFiles = new ArrayList<>();

  /** {@code sentFiles}: the paths (normalized) of the files that came with the request. */
  VolumesBuilder(
      ComposeProblems problems,
      ValueReader values,
      List<String> bindPrefixes,
      Set<String> sentFiles) {
    this.problems = problems;
    this.values = values;
    this.bindPrefixes = bindPrefixes;
    this.sentFiles = sentFiles;
  }

  /** The relative binds of files sent with the request met since the last call: configs now. */
  List<SecretsBuilder.RelativeFile> takeRelativeFiles() {
    List<SecretsBuilder.RelativeFile> out = List.copyOf(relativeFiles);
    relativeFiles.clear();
    return out;
  }

  /** The admin's bind prefixes, normalized; one that is not absolute is a configuration error. */
  static List<String> prefixes(List<String> configured) {
    List<String> out = new ArrayList<>();
    for (String p : configured) {
      if (p == null || p.isBlank()) {
        continue;
      }
      if (!p.trim().startsWith("/")) {
        throw new IllegalArgumentException(PREFIXES + ": '" + p + "' is not an absolute path");
      }
      out.add(normal(p.trim()));
    }
    return List.copyOf(out);
  }

  /** The top-level {@code volumes}: each key with how its volume is made. */
  Map<String, VolumeSpec> declared(String app, JsonNode node) {
    Map<String, VolumeSpec> out = new LinkedHashMap<>();
    if (values.mapping("volumes", node)) {
      node.fields().forEachRemaining(e -> out.put(e.getKey(), volume(app, e)));
    }
    return out;
  }

  private VolumeSpec volume(String app, Map.Entry<String, JsonNode> entry) {
    String key = entry.getKey();
    String p = "volumes." + key;
    JsonNode v = entry.getValue();
    VolumeSpec defaults =
        new VolumeSpec(VolumeSpec.defaultName(app, key), "local", Map.of(), Map.of(), false);
    if (!values.mapping(p, v)) {
      return defaults; // "data:" alone: Baton's defaults
    }
    JsonNode external = v.get("external");
    boolean isExternal =
        external != null
            && (external.isObject() || Boolean.TRUE.equals(flag(p + ".external", external)));
    String name = isExternal ? key : defaults.name();
    if (external != null && external.path("name").isTextual()) {
      name = external.get("name").asText(); // Compose's older external.name
    }
    if (v.path("name").isTextual()) {
      name = v.get("name").asText();
    }
    if (!VOLUME_NAME.matcher(name).matches()) {
      problems.error(
          p + ".name", "'" + name + "' is not a volume name (letters, digits, '_', '.', '-')");
    }
    Map<String, String> labels = values.keyValues(p + ".labels", v.get("labels"), true);
    labels.keySet().stream()
        .filter(k -> k.startsWith("baton."))
        .forEach(k -> problems.error(p + ".labels", "labels starting with 'baton.' are reserved"));
    if (isExternal) {
      for (String k : List.of("driver", "driver_opts")) {
        if (v.has(k)) {
          problems.error(
              p + "." + k,
              "an external volume is made outside Baton, which never creates it: drop " + k);
        }
      }
      return new VolumeSpec(name, null, Map.of(), labels, true);
    }
    JsonNode driver = v.get("driver");
    if (driver != null && !driver.isNull() && !"local".equals(driver.asText())) {
      problems.error(
          p + ".driver",
          "driver '%s' is not supported".formatted(driver.asText())
              + ": Baton makes volumes with the engine's local driver only (its driver_opts can mount"
              + " NFS or a device)");
    }
    Map<String, String> options = values.keyValues(p + ".driver_opts", v.get("driver_opts"), true);
    return new VolumeSpec(name, "local", options, labels, false);
  }

  /**
   * A service's {@code volumes}, each entry checked at its path; anonymous ones are left out. With
   * {@code x-baton.volume_per_replica} each slot gets named volumes of its own.
   */
  List<Mount> mounts(String service, JsonNode s, Map<String, VolumeSpec> declared) {
    String path = service + ".volumes";
    JsonNode node = s.get("volumes");
    JsonNode each = s.path("x-baton").get("volume_per_replica");
    String eachPath = service + ".x-baton.volume_per_replica";
    boolean perSlot = each != null && Boolean.TRUE.equals(flag(eachPath, each));
    if (node != null && !node.isNull() && !node.isArray()) {
      problems.error(path, "must be a list");
    }
    int size = node != null && node.isArray() ? node.size() : 0;
    List<Mount> out = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    for (int i = 0; i < size; i++) {
      String p = path + "[" + i + "]";
      JsonNode item = node.get(i);
      Mount m = null;
      if (item.isTextual()) {
        m = shortSyntax(p, item.asText());
      } else if (item.isObject()) {
        m = longSyntax(p, item);
      } else {
        problems.error(p, "must be a string SRC:TARGET[:MODE] or a mapping");
      }
      m = m == null ? null : resolve(p, m, declared, perSlot);
      if (m != null && !targets.add(m.target())) {
        problems.error(p, "target " + m.target() + " is mounted twice");
      } else if (m != null) {
        out.add(m);
      }
    }
    if (perSlot && out.stream().noneMatch(Mount::named)) {
      problems.warn(eachPath, "ignored: the service mounts no named volume");
    }
    return List.copyOf(out);
  }

  /** {@code SRC:TARGET[:MODE]}, or {@code TARGET} alone (an anonymous volume). */
  private Mount shortSyntax(String p, String text) {
    String[] parts = text.split(":", -1);
    if (parts.length == 1) {
      return anonymous(p, text);
    }
    if (parts.length > 3) {
      problems.error(p, "'" + text + "' is not SRC:TARGET[:MODE]");
      return null;
    }
    boolean readOnly = false;
    boolean noCopy = false;
    for (String mode : parts.length == 3 ? parts[2].split(",") : new String[0]) {
      switch (mode) {
        case "ro" -> readOnly = true;
        case "rw" -> readOnly = false;
        case "nocopy" -> noCopy = true;
        case "cached", "delegated", "consistent" -> {} // Docker Desktop's file sharing hints
        case "z", "Z" ->
            problems.warn(
                p,
                "ignored: SELinux relabel '%s' is not applied".formatted(mode)
                    + " (label the host path on the host if SELinux denies it)");
        default -> {
          problems.error(p, "'%s' is not a mode Baton knows (%s)".formatted(mode, MODES));
          return null;
        }
      }
    }
    Mount.Type type = isPath(parts[0]) ? Mount.Type.BIND : Mount.Type.VOLUME;
    return new Mount(type, parts[0], parts[1], readOnly, noCopy, 0, null, false);
  }

  private Mount longSyntax(String p, JsonNode n) {
    if (!n.has("type")) {
      return null; // the Compose schema requires it and has said so
    }
    String type = values.choice(p + ".type", n.get("type"), "volume", "bind", "tmpfs");
    String source = n.path("source").asText("");
    String target = n.path("target").asText("");
    boolean readOnly = Boolean.TRUE.equals(flag(p + ".read_only", n.get("read_only")));
    boolean noCopy =
        Boolean.TRUE.equals(flag(p + ".volume.nocopy", n.path("volume").get("nocopy")));
    flag(p + ".bind.create_host_path", n.path("bind").get("create_host_path"));
    long size = 0;
    if (n.path("tmpfs").has("size")) {
      Long b = values.byteSize(p + ".tmpfs.size", n.path("tmpfs").get("size"));
      size = b == null ? 0 : b;
    }
    if (type == null) {
      return null;
    }
    if (type.equals("tmpfs") && !source.isEmpty()) {
      problems.error(p + ".source", "a tmpfs has no source");
      return null;
    }
    if (type.equals("volume") && source.isEmpty()) {
      return anonymous(p, target);
    }
    Mount.Type t = Mount.Type.valueOf(type.toUpperCase(java.util.Locale.ROOT));
    return new Mount(t, source, target, readOnly, noCopy, size, null, false);
  }

  private Mount anonymous(String p, String target) {
    if (checkTarget(p, target)) {
      problems.warn(
          p,
          "anonymous volume at %s: its data goes with the container;".formatted(target)
              + " use a named volume to keep it");
    }
    return null;
  }

  /** The mount with its volume, or null after reporting why it cannot be made. */
  private Mount resolve(String p, Mount m, Map<String, VolumeSpec> declared, boolean perSlot) {
    if (!checkTarget(p, m.target())) {
      return null;
    }
    String source = m.source();
    switch (m.type()) {
      case TMPFS:
        return m;
      case BIND:
        if (!source.startsWith("/") && sentFiles.contains(Environments.normal(source))) {
          relativeFiles.add(new SecretsBuilder.RelativeFile(p, source, m.target(), m.readOnly()));
          return null;
        }
        String host = bindSource(p, source);
        return host == null
            ? null
            : new Mount(m.type(), host, m.target(), m.readOnly(), false, 0, null, false);
      default:
        if (source.isEmpty()) {
          problems.error(p, "has no source (a volume declared under top-level volumes)");
          return null;
        }
        VolumeSpec volume = declared.get(source);
        if (volume == null) {
          problems.error(p, "volume '" + source + "' is not declared under top-level volumes");
          return null;
        }
        return new Mount(
            m.type(), source, m.target(), m.readOnly(), m.noCopy(), 0, volume, perSlot);
    }
  }

  /** An absolute host path under an allowed prefix, normalized; else null, reported. */
  private String bindSource(String p, String source) {
    if (source.isEmpty()) {
      problems.error(p, "has no source (the host path)");
      return null;
    }
    if (!source.startsWith("/")) {
      problems.error(
          p,
          "relative bind of '"
              + source
              + "', which was not sent with the request: a file is (the CLI sends the files"
              + " it binds; over the API put them in files) and becomes a config; a directory is"
              + " refused, as Baton runs the app on other hosts than the file: the image should"
              + " carry the code, a named volume the data");
      return null;
    }
    String host = normal(source);
    for (String prefix : bindPrefixes) {
      if (prefix.equals("/") || host.equals(prefix) || host.startsWith(prefix + "/")) {
        return host;
      }
    }
    String allowed = bindPrefixes.isEmpty() ? "none set" : String.join(", ", bindPrefixes);
    problems.error(
        p,
        "host path %s is not under any of %s (%s)".formatted(host, PREFIXES, allowed)
            + ": a named volume keeps data across instances; an admin can allow a host path prefix in "
            + PREFIXES);
    return null;
  }

  private boolean checkTarget(String p, String target) {
    if (target.isEmpty()) {
      problems.error(p, "has no target (the path in the container)");
      return false;
    }
    if (!target.startsWith("/")) {
      problems.error(p, "target '" + target + "' must be an absolute path in the container");
      return false;
    }
    return true;
  }

  private Boolean flag(String p, JsonNode node) {
    return node == null || node.isNull() ? null : values.bool(p, node);
  }

  /** Compose's test: a source starting with '.', '/' or '~' is a host path, else a volume. */
  private static boolean isPath(String source) {
    return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
  }

  /** An absolute path without '.', '..' or repeated '/' (".." above the root stays at the root). */
  static String normal(String absolute) {
    List<String> parts = new ArrayList<>();
    for (String part : absolute.split("/")) {
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return "/" + String.join("/", parts);
  }
}

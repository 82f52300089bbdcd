package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads untrusted YAML into a Jackson tree without constructing any Java object from tags, and
 * remembers the line of every key and list item.
 *
 * <p>Limits: at most {@link #MAX_CHARS} characters, {@link #MAX_ALIASES} aliases to collections,
 * {@link #MAX_NODES} nodes after alias expansion. Only the YAML 1.2 core schema tags (str, int,
 * float, bool, null, map, seq) are accepted; duplicate keys, non-scalar keys and multi-document
 * streams are errors. Merge keys ({@code <<: *anchor}, or a list of anchors) are expanded, the
 * mapping's own keys winning, as Compose does.
 *
 * <p>Every scalar value (not key) goes through Compose's {@link Interpolation} as it is read, so an
 * error in one value does not hide the others; an unquoted value that a variable filled in is typed
 * again by the core schema ({@code replicas: ${N}} is a number), a quoted one stays a string.
 */
final class SafeYaml {

  static final int MAX_CHARS = 256 * 1024;
  static final int MAX_ALIASES = 50;
  static final int MAX_NODES = 100_000;
  private static final int MAX_DEPTH = 64;

  private static final Set<Tag> SCALAR_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

  /** A loaded document: the tree, and line numbers / raw scalar text by path. */
  record Doc(JsonNode root, Map<String, Integer> lines, Map<String, String> raw) {
    Integer line(String path) {
      return lines.get(path);
    }
  }

  private static final ScalarResolver TYPES = new CoreSchema().getScalarResolver();

  private final List<SpecError> errors;
  private final List<SpecError> warnings;
  private final Interpolation interpolation;
  // Interpolation errors do not stop the load: every other check still runs and reports.
  private final List<SpecError> interpolationErrors = new ArrayList<>();
  private final Map<String, Integer> lines = new HashMap<>();
  private final Map<String, String> raw = new HashMap<>();
  private int nodes;
  private boolean aborted;

  private SafeYaml(List<SpecError> errors, List<SpecError> warnings, Interpolation interpolation) {
    this.errors = errors;
    this.warnings = warnings;
    this.interpolation = interpolation;
  }

  /** Returns the document without interpolation, or empty after adding errors to {@code errors}. */
  static Optional<Doc> load(String yaml, List<SpecError> errors) {
    return new SafeYaml(errors, new ArrayList<>(), null).run(yaml);
  }

  /**
   * Returns the document with {@code interpolation} applied to every scalar value, or empty after
   * adding errors; unset variables are added to {@code warnings}.
   */
  static Optional<Doc> load(
      String yaml, List<SpecError> errors, List<SpecError> warnings, Interpolation interpolation) {
    return new SafeYaml(errors, warnings, interpolation).run(yaml);
  }

  private Optional<Doc> run(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      errors.add(new SpecError("", null, "the document is empty; expected a Compose file"));
      return Optional.empty();
    }
    if (yaml.length() > MAX_CHARS) {
      errors.add(
          new SpecError(
              "",
              null,
              "the document is too large ("
                  + yaml.length()
                  + " characters; at most "
                  + MAX_CHARS
                  + " allowed)"));
      return Optional.empty();
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel("compose")
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            .setAllowNonScalarKeys(false)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(MAX_CHARS)
            .setUseMarks(true)
            .setParseComments(false)
            .build();
    Node rootNode;
    try {
      Optional<Node> composed = new Compose(settings).composeString(yaml);
      if (composed.isEmpty()) {
        errors.add(new SpecError("", null, "the document is empty; expected a Compose file"));
        return Optional.empty();
      }
      rootNode = composed.get();
    } catch (MarkedYamlEngineException e) {
      Integer line =
          e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(null);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      errors.add(new SpecError("", line, "invalid YAML: " + firstLine(problem)));
      return Optional.empty();
    } catch (YamlEngineException e) {
      errors.add(new SpecError("", null, "invalid YAML: " + firstLine(e.getMessage())));
      return Optional.empty();
    }
    if (!(rootNode instanceof MappingNode)) {
      errors.add(
          new SpecError(
              "",
              line(rootNode),
              "the document must be a mapping with a 'services' key, not a " + describe(rootNode)));
      return Optional.empty();
    }
    int before = errors.size();
    JsonNode root = convert(rootNode, "", 0);
    if (aborted || errors.size() > before) {
      errors.addAll(interpolationErrors);
      return Optional.empty();
    }
    errors.addAll(interpolationErrors);
    return Optional.of(new Doc(root, Map.copyOf(lines), Map.copyOf(raw)));
  }

  private JsonNode convert(Node node, String path, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (aborted) {
      return f.nullNode();
    }
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
      aborted = true;
      errors.add(
          new SpecError(
              path,
              line(node),
              "the document expands to too many nodes (more than "
                  + MAX_NODES
                  + " or nested deeper than "
                  + MAX_DEPTH
                  + "); aliases cannot be used to build large documents"));
      return f.nullNode();
    }
    if (node instanceof MappingNode map) {
      if (!Tag.MAP.equals(map.getTag())) {
        return badTag(node, path);
      }
      ObjectNode merged = f.objectNode();
      for (NodeTuple t : map.getValue()) {
        if (isMergeKey(t.getKeyNode())) {
          merge(t.getValueNode(), path, depth, merged);
        }
      }
      ObjectNode obj = f.objectNode();
      for (NodeTuple t : map.getValue()) {
        Node keyNode = t.getKeyNode();
        if (isMergeKey(keyNode)) {
          continue;
        }
        if (!(keyNode instanceof ScalarNode sk) || !SCALAR_TAGS.contains(keyNode.getTag())) {
          errors.add(
              new SpecError(
                  path,
                  line(keyNode),
                  at(path) + "keys must be plain strings, not " + describe(keyNode)));
          continue;
        }
        String key = sk.getValue();
        String child = path.isEmpty() ? key : path + "." + key;
        if (obj.has(key)) {
          errors.add(
              new SpecError(
                  child,
                  line(keyNode),
                  child + ": duplicate key (first defined on line " + lines.get(child) + ")"));
          continue;
        }
        lines.put(child, line(keyNode));
        obj.set(key, convert(t.getValueNode(), child, depth + 1));
      }
      merged.fields().forEachRemaining(e -> obj.putIfAbsent(e.getKey(), e.getValue()));
      return obj;
    }
    if (node instanceof SequenceNode seq) {
      if (!Tag.SEQ.equals(seq.getTag())) {
        return badTag(node, path);
      }
      ArrayNode arr = f.arrayNode();
      int i = 0;
      for (Node item : seq.getValue()) {
        String child = path + "[" + i++ + "]";
        lines.put(child, line(item));
        arr.add(convert(item, child, depth + 1));
      }
      return arr;
    }
    ScalarNode scalar = (ScalarNode) node;
    boolean text = Tag.STR.equals(scalar.getTag()) || Tag.ENV_TAG.equals(scalar.getTag());
    if (interpolation != null && text && scalar.getValue().indexOf('$') >= 0) {
      return interpolated(scalar, path);
    }
    if (Tag.ENV_TAG.equals(scalar.getTag())) {
      // The core schema reads an unquoted ${VAR} as an !ENV_VARIABLE tag: it is text to Compose.
      return typed(new ScalarNode(Tag.STR, scalar.getValue(), scalar.getScalarStyle()), path);
    }
    return typed(scalar, path);
  }

  private JsonNode typed(ScalarNode scalar, String path) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Node node = scalar;
    Tag tag = scalar.getTag();
    String value = scalar.getValue();
    raw.put(path, value);
    try {
      if (Tag.STR.equals(tag)) {
        return f.textNode(value);
      } else if (Tag.NULL.equals(tag)) {
        return f.nullNode();
      } else if (Tag.BOOL.equals(tag)) {
        return f.booleanNode(Boolean.parseBoolean(value.toLowerCase()));
      } else if (Tag.INT.equals(tag)) {
        return integer(value);
      } else if (Tag.FLOAT.equals(tag)) {
        String v = value.toLowerCase();
        if (v.contains("inf") || v.contains("nan")) {
          errors.add(
              new SpecError(
                  path, line(node), at(path) + "infinite or NaN numbers are not allowed"));
          return f.nullNode();
        }
        return f.numberNode(new BigDecimal(value));
      }
    } catch (NumberFormatException e) {
      errors.add(
          new SpecError(
              path, line(node), at(path) + "'" + value + "' is not a valid " + tag.getValue()));
      return f.nullNode();
    }
    return badTag(node, path);
  }

  private static boolean isMergeKey(Node key) {
    return Tag.MERGE.equals(key.getTag())
        || (key instanceof ScalarNode sk && "<<".equals(sk.getValue()));
  }

  /**
   * Adds the keys of a merge key's value (a mapping, or a list of them, the first winning) to
   * {@code into}, where the mapping's own keys will override them.
   */
  private void merge(Node source, String path, int depth, ObjectNode into) {
    List<Node> sources = source instanceof SequenceNode seq ? seq.getValue() : List.of(source);
    for (Node each : sources) {
      if (!(each instanceof MappingNode)) {
        errors.add(
            new SpecError(
                path,
                line(each),
                at(path)
                    + "a merge key (<<) takes a mapping or a list of mappings, not a "
                    + describe(each)));
        continue;
      }
      JsonNode converted = convert(each, path, depth + 1);
      converted.fields().forEachRemaining(e -> into.putIfAbsent(e.getKey(), e.getValue()));
    }
  }

  /** The scalar's value after interpolation, typed again if a variable filled an unquoted one. */
  private JsonNode interpolated(ScalarNode scalar, String path) {
    String value = scalar.getValue();
    String result;
    try {
      result = interpolation.apply(value);
    } catch (Interpolation.Failure e) {
      interpolationErrors.add(new SpecError(path, line(scalar), at(path) + e.getMessage()));
      return JsonNodeFactory.instance.nullNode();
    }
    for (String name : interpolation.newlyUnset()) {
      warnings.add(
          new SpecError(
              path,
              line(scalar),
              at(path) + "variable " + name + " is not set: an empty string is used"));
    }
    // Numbers and booleans are typed again; an empty result stays an empty string, not null.
    Tag tag = scalar.getScalarStyle() == ScalarStyle.PLAIN ? TYPES.resolve(result, true) : Tag.STR;
    if (Tag.NULL.equals(tag) || Tag.ENV_TAG.equals(tag)) {
      tag = Tag.STR;
    }
    return typed(new ScalarNode(tag, result, scalar.getScalarStyle()), path);
  }

  private static JsonNode integer(String value) {
    String v = value.replace("_", "");
    BigInteger n;
    if (v.startsWith("0x") || v.startsWith("0X")) {
      n = new BigInteger(v.substring(2), 16);
    } else if (v.startsWith("0o")) {
      n = new BigInteger(v.substring(2), 8);
    } else {
      n = new BigInteger(v);
    }
    if (n.bitLength() < 63) {
      return JsonNodeFactory.instance.numberNode(n.longValue());
    }
    return JsonNodeFactory.instance.numberNode(n);
  }

  private JsonNode badTag(Node node, String path) {
    errors.add(
        new SpecError(
            path,
            line(node),
            at(path) + "YAML tag " + node.getTag().getValue() + " is not allowed"));
    return JsonNodeFactory.instance.nullNode();
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  static Integer line(Node node) {
    return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(null);
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "mapping";
    }
    if (node instanceof SequenceNode) {
      return "list";
    }
    return "scalar '" + ((ScalarNode) node).getValue() + "'";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable input";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}

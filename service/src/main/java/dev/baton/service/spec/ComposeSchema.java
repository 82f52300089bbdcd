package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A draft-07 JSON schema for Compose files, compiled once per JVM: the official Compose
 * Specification schema, vendored as {@code compose-spec.json} (see {@code compose-spec.NOTICE}),
 * and the keys of it that Baton accepts, {@code compose-baton.json}.
 */
final class ComposeSchema {

  /** A schema violation: where (dotted path), what, and whether it is a key the schema lacks. */
  record Violation(String path, String message, boolean unknownKey) {}

  private static final class Official {
    static final ComposeSchema SCHEMA = new ComposeSchema("/compose-spec.json");
  }

  private static final class Baton {
    static final ComposeSchema SCHEMA = new ComposeSchema("/compose-baton.json");
  }

  private final JsonSchema schema;

  private ComposeSchema(String resource) {
    this.schema = compile(resource);
  }

  /** The Compose Specification. */
  static ComposeSchema official() {
    return Official.SCHEMA;
  }

  /** The keys Baton accepts: a subset of {@link #official()}. */
  static ComposeSchema baton() {
    return Baton.SCHEMA;
  }

  private static JsonSchema compile(String resource) {
    try (InputStream in = ComposeSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      ObjectNode node = (ObjectNode) new ObjectMapper().readTree(in);
      // The file names its meta-schema and id with URIs the validator would try to fetch;
      // it is plain draft-07 and is resolved locally ("#/definitions/..." refs only).
      node.remove("$schema");
      node.remove("$id");
      // The schema uses the annotation "deprecated" (not a draft-07 keyword): declare it as such.
      JsonMetaSchema meta =
          JsonMetaSchema.builder(JsonMetaSchema.getV7())
              .keyword(new NonValidationKeyword("deprecated"))
              .build();
      JsonSchemaFactory factory =
          JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V7,
              b -> b.metaSchema(meta).defaultMetaSchemaIri(meta.getIri()));
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().pathType(PathType.LEGACY).build();
      JsonSchema schema = factory.getSchema(node, config);
      schema.initializeValidators();
      return schema;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Validates a document; returns one violation per offending location (messages for the same
   * location, e.g. from the branches of a {@code oneOf}, are merged).
   */
  List<Violation> validate(JsonNode document) {
    Set<ValidationMessage> messages = schema.validate(document);
    Map<String, Set<String>> byPath = new LinkedHashMap<>();
    Set<String> unknownKeys = new LinkedHashSet<>();
    for (ValidationMessage m : messages) {
      String path = path(m.getInstanceLocation());
      String text;
      if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
        path = path.isEmpty() ? m.getProperty() : path + "." + m.getProperty();
        text = "unknown key (not part of the Compose specification)";
        unknownKeys.add(path);
      } else if ("enum".equals(m.getType()) && m.getInstanceNode() != null) {
        text = "is '" + m.getInstanceNode().asText() + "', which " + stripLocation(m.getMessage());
      } else {
        text = stripLocation(m.getMessage());
      }
      byPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(text);
    }
    List<Violation> out = new ArrayList<>();
    byPath.forEach(
        (path, texts) -> out.add(new Violation(path, condense(texts), unknownKeys.contains(path))));
    return out;
  }

  private static final Pattern TYPE_MESSAGE = Pattern.compile("(\\S+) found, (.+) expected");

  /**
   * Merges "integer found, string expected" / "integer found, array expected" (the branches of a
   * oneOf) into "integer found, expected string or array", dropping the generic oneOf line.
   */
  private static String condense(Set<String> texts) {
    String found = null;
    Set<String> expected = new LinkedHashSet<>();
    List<String> others = new ArrayList<>();
    for (String t : texts) {
      Matcher m = TYPE_MESSAGE.matcher(t);
      if (m.matches() && (found == null || found.equals(m.group(1)))) {
        found = m.group(1);
        for (String e : m.group(2).replaceAll("[\\[\\]]", "").split(",\\s*")) {
          expected.add(e);
        }
      } else {
        others.add(t);
      }
    }
    if (found != null) {
      others.removeIf(t -> t.startsWith("must be valid to one and only one schema"));
      others.add(0, found + " found, expected " + String.join(" or ", expected));
    }
    return String.join("; ", others);
  }

  private static String stripLocation(String message) {
    // networknt prefixes messages with the JSON path: "$.services.web.ports: ..."
    if (message.startsWith("$")) {
      int colon = message.indexOf(": ");
      if (colon > 0) {
        return message.substring(colon + 2);
      }
    }
    return message;
  }

  static String path(JsonNodePath location) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        sb.append('[').append(index).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(element);
      }
    }
    return sb.toString();
  }
}

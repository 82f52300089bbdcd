package dev.baton.service.apps;

import dev.baton.service.api.ApiException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.springframework.http.HttpStatus;

/**
 * A stored Compose file with some services' {@code image} replaced in place: the text is spliced at
 * the scalar's position, so comments, order and every other key stay exactly as deployed.
 */
final class ImageSwap {
  private ImageSwap() {}

  private record Splice(int start, int end, String text) {}

  static String apply(String yaml, Map<String, String> images) {
    Node root =
        new Compose(LoadSettings.builder().build())
            .composeReader(new StringReader(yaml))
            .orElseThrow(() -> new IllegalStateException("stored Compose file is empty"));
    Optional<MappingNode> services = child(root, "services").flatMap(ImageSwap::mapping);
    List<Splice> splices = new ArrayList<>();
    List<Map<String, Object>> unknown = new ArrayList<>();
    for (Map.Entry<String, String> entry : images.entrySet()) {
      Optional<Node> image =
          services.flatMap(s -> child(s, entry.getKey())).flatMap(s -> child(s, "image"));
      if (image.isEmpty() || !(image.get() instanceof ScalarNode scalar)) {
        unknown.add(
            Map.of(
                "path",
                "images." + entry.getKey(),
                "message",
                "no service '" + entry.getKey() + "' with an image in the current spec"));
        continue;
      }
      int start = offset(yaml, scalar.getStartMark().orElseThrow().getIndex());
      int end = offset(yaml, scalar.getEndMark().orElseThrow().getIndex());
      splices.add(new Splice(start, end, quoted(entry.getValue())));
    }
    if (!unknown.isEmpty()) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          unknown.get(0).get("path") + ": " + unknown.get(0).get("message"),
          unknown);
    }
    StringBuilder out = new StringBuilder(yaml);
    splices.sort(Comparator.comparingInt(Splice::start).reversed());
    for (Splice splice : splices) {
      out.replace(splice.start(), splice.end(), splice.text());
    }
    return out.toString();
  }

  private static Optional<Node> child(Node node, String key) {
    return mapping(node)
        .flatMap(
            map ->
                map.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                    .map(NodeTuple::getValueNode)
                    .findFirst());
  }

  private static Optional<MappingNode> mapping(Node node) {
    return node instanceof MappingNode map ? Optional.of(map) : Optional.empty();
  }

  /** Marks count code points; StringBuilder counts UTF-16 units. */
  private static int offset(String text, int codePoints) {
    return text.offsetByCodePoints(0, codePoints);
  }

  /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
  private static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}

package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A resolved Compose tree written back as YAML, block style, in the file's key order; every {@code
 * $} is written {@code $$}, so reading it again interpolates nothing (as {@code docker compose
 * config} does).
 */
final class ResolvedCompose {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DumpSettings SETTINGS =
      DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(120).build();

  private ResolvedCompose() {}

  private static JsonNode escaped(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(node.asText().replace("$", "$$"));
    }
    if (node instanceof ObjectNode obj) {
      ObjectNode out = obj.objectNode();
      obj.fields().forEachRemaining(e -> out.set(e.getKey(), escaped(e.getValue())));
      return out;
    }
    if (node instanceof ArrayNode list) {
      ArrayNode out = list.arrayNode();
      list.forEach(item -> out.add(escaped(item)));
      return out;
    }
    return node;
  }

  static String yaml(JsonNode root) {
    Object tree = JSON.convertValue(escaped(root), Map.class);
    return new Dump(SETTINGS).dumpToString(tree);
  }
}

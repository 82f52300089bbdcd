package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one Compose value of a kind (duration, byte size, number, choice, command line, key=value
 * list). Each reader reports its own problem at the value's path and returns null (or the default)
 * when the value is wrong.
 */
final class ValueReader {

  private static final Pattern ENV_NAME = Pattern.compile("[^=\\s]+");

  private final ComposeProblems problems;

  ValueReader(ComposeProblems problems) {
    this.problems = problems;
  }

  /**
   * True when {@code node} is a mapping; false when it is absent or null (nothing to read: the
   * caller's defaults apply) and when it is anything else, which is reported as not a mapping.
   */
  boolean mapping(String path, JsonNode node) {
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isObject()) {
      problems.error(path, "must be a mapping");
      return false;
    }
    return true;
  }

  /**
   * Hands each string item of a list to {@code each}, with the item's path; reports {@code
   * notString} at every item that is not a string.
   */
  void strings(String path, JsonNode list, String notString, BiConsumer<String, String> each) {
    for (int i = 0; i < list.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode item = list.get(i);
      if (item.isTextual()) {
        each.accept(p, item.asText());
      } else {
        problems.error(p, notString);
      }
    }
  }

  long optionalDuration(String p, JsonNode obj, String key, long dflt, boolean positive) {
    if (!obj.has(key) || obj.get(key).isNull()) {
      return dflt;
    }
    Long d = duration(p, obj.get(key));
    if (d == null) {
      return dflt;
    }
    if (positive && d <= 0) {
      problems.error(p, "must be longer than 0");
      return dflt;
    }
    return d;
  }

  Long duration(String p, JsonNode node) {
    if (!node.isTextual()) {
      problems.error(p, "must be a duration string such as '10s', '1m30s' or '500ms'");
      return null;
    }
    return parsed(p, node.asText(), SpecValues::durationMillis);
  }

  Long byteSize(String p, JsonNode node) {
    if (!node.isTextual() && !node.isIntegralNumber()) {
      problems.error(p, "must be a byte size such as '512m', '1g' or '1048576'");
      return null;
    }
    return parsed(p, node.asText(), SpecValues::bytes);
  }

  Integer integer(String p, JsonNode node, int min, int max) {
    Long v = null;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      v = node.asLong();
    } else if (node.isTextual() && node.asText().trim().matches("[+-]?\\d{1,18}")) {
      v = Long.parseLong(node.asText().trim());
    }
    if (v == null) {
      problems.error(p, "must be an integer");
      return null;
    }
    if (v < min || v > max) {
      problems.error(
          p,
          v
              + " is out of range (must be "
              + (max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max)
              + ")");
      return null;
    }
    return v.intValue();
  }

  Double number(String p, JsonNode node, double min, double max) {
    Double v = null;
    if (node.isNumber()) {
      v = node.asDouble();
    } else if (node.isTextual()) {
      try {
        v = Double.parseDouble(node.asText().trim());
      } catch (NumberFormatException e) {
        v = null;
      }
    }
    if (v == null || v.isNaN() || v.isInfinite()) {
      problems.error(p, "must be a number");
      return null;
    }
    if (v < min || v > max) {
      problems.error(p, v + " is out of range (must be between " + min + " and " + max + ")");
      return null;
    }
    return v;
  }

  Boolean bool(String p, JsonNode node) {
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
      return Boolean.valueOf(node.asText());
    }
    problems.error(p, "must be true or false");
    return null;
  }

  String choice(String p, JsonNode node, String... allowed) {
    if (node.isTextual()) {
      for (String a : allowed) {
        if (a.equals(node.asText())) {
          return a;
        }
      }
    }
    problems.error(p, "'" + node.asText() + "' is not one of " + String.join(", ", allowed));
    return null;
  }

  List<String> commandLine(String path, JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      List<String> words = parsed(path, node.asText(), SpecValues::shellSplit);
      return words == null ? List.of() : List.copyOf(words);
    }
    if (node.isArray()) {
      List<String> out = new ArrayList<>();
      strings(path, node, "must be a string", (p, word) -> out.add(word));
      return List.copyOf(out);
    }
    problems.error(path, "must be a string or a list of strings");
    return List.of();
  }

  /** Environment or labels: a map, or a list of KEY=VALUE. Sorted by key. */
  Map<String, String> keyValues(String path, JsonNode node, boolean labels) {
    Map<String, String> out = new TreeMap<>();
    if (node == null || node.isNull()) {
      return Collections.unmodifiableMap(out);
    }
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                String p = path + "." + e.getKey();
                JsonNode v = e.getValue();
                if (!labels && !ENV_NAME.matcher(e.getKey()).matches()) {
                  problems.error(p, "'" + e.getKey() + "' is not a valid variable name");
                } else if (v.isNull()) {
                  if (labels) {
                    out.put(e.getKey(), "");
                  } else {
                    problems.error(
                        p,
                        "has no value (Baton does not take values from its own environment);"
                            + " write the value, or '' for empty");
                  }
                } else if (v.isValueNode()) {
                  String raw = problems.raw(p);
                  out.put(e.getKey(), raw != null ? raw : v.asText());
                } else {
                  problems.error(p, "must be a string, number or boolean");
                }
              });
    } else if (node.isArray()) {
      strings(
          path,
          node,
          "must be a string KEY=VALUE",
          (p, text) -> {
            int eq = text.indexOf('=');
            String key = eq < 0 ? text : text.substring(0, eq);
            if (key.isEmpty() || (!labels && !ENV_NAME.matcher(key).matches())) {
              problems.error(p, "'" + text + "' is not KEY=VALUE");
            } else if (eq < 0 && !labels) {
              problems.error(
                  p,
                  "'"
                      + text
                      + "' has no value (Baton does not take values from its own environment);"
                      + " write "
                      + text
                      + "=VALUE");
            } else if (out.containsKey(key)) {
              problems.error(p, "'" + key + "' is set twice");
            } else {
              out.put(key, eq < 0 ? "" : text.substring(eq + 1));
            }
          });
    } else {
      problems.error(path, "must be a mapping or a list of KEY=VALUE strings");
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code parse} applied to {@code text}, or null after reporting why it rejects the text. */
  private <T> T parsed(String p, String text, Function<String, T> parse) {
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      problems.error(p, e.getMessage());
      return null;
    }
  }
}

package dev.baton.service.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Compose's dotenv format, as {@code .env} and {@code env_file} are read: {@code KEY=VALUE} lines,
 * an optional {@code export}, {@code #} comments (whole lines, or after a space in an unquoted
 * value), single quotes taken literally, double quotes with {@code \n}, {@code \t}, {@code \"} and
 * {@code \\} escapes. A line that is only a name takes the value of that variable, if set.
 */
final class DotEnv {

  private DotEnv() {}

  /** The pairs of {@code text} in order; a bare name maps to null. */
  static Map<String, String> parse(String text) {
    return parse(text, UnaryOperator.identity());
  }

  /**
   * The pairs of {@code text} in order, {@code expand} applied to each value but single-quoted ones
   * (Compose interpolates env files' values that way); a bare name maps to null.
   */
  static Map<String, String> parse(String text, UnaryOperator<String> expand) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      String key = (eq < 0 ? line : line.substring(0, eq)).strip();
      if (!key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
        throw new IllegalArgumentException(
            "line " + (n + 1) + ": '" + lines[n].strip() + "' is not KEY=VALUE");
      }
      String raw = eq < 0 ? null : line.substring(eq + 1).stripLeading();
      String value = raw == null ? null : value(raw, n + 1);
      out.put(key, raw == null || raw.startsWith("'") ? value : expand.apply(value));
    }
    return out;
  }

  private static String value(String v, int line) {
    if (v.startsWith("'")) {
      int end = v.indexOf('\'', 1);
      if (end < 0) {
        throw new IllegalArgumentException("line " + line + ": unclosed single quote");
      }
      return v.substring(1, end);
    }
    if (v.startsWith("\"")) {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\' && i + 1 < v.length()) {
          char e = v.charAt(++i);
          out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
        } else {
          out.append(c);
        }
      }
      throw new IllegalArgumentException("line " + line + ": unclosed double quote");
    }
    int comment = v.indexOf(" #");
    return (comment < 0 ? v : v.substring(0, comment)).strip();
  }
}

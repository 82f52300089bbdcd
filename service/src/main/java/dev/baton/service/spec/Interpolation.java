package dev.baton.service.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compose's variable interpolation (compose-spec.io, "Interpolation"): {@code $VAR}, {@code
 * ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code
 * ${VAR?error}}, {@code ${VAR:+alt}}, {@code ${VAR+alt}} and {@code $$} for a literal {@code $}.
 * Defaults and alternatives may themselves hold variables. An unset variable becomes an empty
 * string and is reported once as unset; a {@code ?} form, a lone {@code $} or an unclosed brace is
 * an error naming the variable.
 */
final class Interpolation {

  /** What went wrong in one value. */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, String> variables;
  private final Set<String> unset = new TreeSet<>();
  private final List<String> fresh = new ArrayList<>();

  Interpolation(Map<String, String> variables) {
    this.variables = variables == null ? Map.of() : variables;
  }

  /** The variables first found unset since the last call (each is reported once). */
  List<String> newlyUnset() {
    List<String> out = List.copyOf(fresh);
    fresh.clear();
    return out;
  }

  /** The value with every variable replaced; throws {@link Failure} naming what is wrong. */
  String apply(String value) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= value.length()) {
        throw new Failure("invalid interpolation: a lone '$' ends the value (write '$$' for '$')");
      }
      char next = value.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '{') {
        int close = matchingBrace(value, i + 1);
        out.append(braced(value.substring(i + 2, close)));
        i = close + 1;
      } else if (isNameStart(next)) {
        int end = i + 1;
        while (end < value.length() && isNamePart(value.charAt(end))) {
          end++;
        }
        out.append(lookup(value.substring(i + 1, end)));
        i = end;
      } else {
        throw new Failure("invalid interpolation: '$" + next + "' (write '$$' for a literal '$')");
      }
    }
    return out.toString();
  }

  private String braced(String body) {
    int end = 0;
    while (end < body.length() && isNamePart(body.charAt(end))) {
      end++;
    }
    String name = body.substring(0, end);
    if (name.isEmpty() || !isNameStart(name.charAt(0))) {
      throw new Failure("invalid interpolation: '${" + body + "}' does not start with a name");
    }
    String rest = body.substring(end);
    if (rest.isEmpty()) {
      return lookup(name);
    }
    boolean colon = rest.startsWith(":");
    String op = colon ? rest.substring(1, Math.min(2, rest.length())) : rest.substring(0, 1);
    String arg = rest.substring(colon ? 2 : 1);
    if (!op.equals("-") && !op.equals("?") && !op.equals("+")) {
      throw new Failure(
          "invalid interpolation: '${"
              + body
              + "}' (expected :-, -, :?, ?, :+ or + after the name)");
    }
    String value = variables.get(name);
    boolean missing = colon ? value == null || value.isEmpty() : value == null;
    switch (op) {
      case "-":
        return missing ? apply(arg) : value;
      case "+":
        return missing ? "" : apply(arg);
      default:
        if (missing) {
          String why = apply(arg);
          throw new Failure(
              "required variable "
                  + name
                  + (colon ? " is unset or empty" : " is unset")
                  + (why.isEmpty() ? "" : ": " + why));
        }
        return value;
    }
  }

  private String lookup(String name) {
    String value = variables.get(name);
    if (value == null) {
      if (unset.add(name)) {
        fresh.add(name);
      }
      return "";
    }
    return value;
  }

  private static int matchingBrace(String value, int open) {
    int depth = 0;
    for (int i = open; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new Failure(
        "invalid interpolation: '" + value.substring(open - 1) + "' has no closing '}'");
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}

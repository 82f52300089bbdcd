package dev.baton.service.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the value formats of Compose files. Each throws {@link IllegalArgumentException} with
 * a message meant to follow "path: ".
 */
final class SpecValues {

  /** Longest duration accepted anywhere (7 days). */
  static final long MAX_DURATION_MILLIS = 7L * 24 * 3600 * 1000;

  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Pattern BYTES =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp])?(i)?(b)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  // Docker's reference grammar (distribution/reference).
  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN =
      "(?:"
          + DOMAIN_COMPONENT
          + "(?:\\."
          + DOMAIN_COMPONENT
          + ")*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?:"
              + DOMAIN
              + "/)?"
              + PATH_COMPONENT
              + "(?:/"
              + PATH_COMPONENT
              + ")*(?::"
              + TAG
              + ")?(?:@"
              + DIGEST
              + ")?");

  private SpecValues() {}

  /**
   * A Go/Compose duration ("1s", "1m30s", "500ms", "1h", "1.5s", "0") in milliseconds
   * (sub-millisecond remainders are rounded up so "500us" is not silently 0).
   */
  static long durationMillis(String text) {
    String s = text.trim();
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty() || s.startsWith("-")) {
      throw new IllegalArgumentException(badDuration(text));
    }
    Matcher m = DURATION_PART.matcher(s);
    int pos = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException(badDuration(text));
      }
      BigDecimal n = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
      pos = m.end();
    }
    BigDecimal millis = nanos.divide(BigDecimal.valueOf(1_000_000), 0, RoundingMode.CEILING);
    if (millis.compareTo(BigDecimal.valueOf(MAX_DURATION_MILLIS)) > 0) {
      throw new IllegalArgumentException("duration '" + text + "' is longer than 7 days");
    }
    return millis.longValueExact();
  }

  private static String badDuration(String text) {
    return "'"
        + text
        + "' is not a valid duration (use a number with a unit: ns, us, ms, s, m, h, e.g. 10s,"
        + " 1m30s, 500ms)";
  }

  /**
   * A Compose byte size ("512m", "1g", "100k", "1.5gb", "2MiB", "1048576") in bytes (base 1024).
   */
  static long bytes(String text) {
    Matcher m = BYTES.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a valid byte size (e.g. 1048576, 100k, 512m, 1g)");
    }
    int power = m.group(2) == null ? 0 : "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
    if (m.group(2) == null && m.group(3) != null) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a valid byte size (e.g. 1048576, 100k, 512m, 1g)");
    }
    BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
    if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("byte size '" + text + "' is too large");
    }
    return value.setScale(0, RoundingMode.DOWN).longValueExact();
  }

  /** Splits a command string the way a POSIX shell splits words (quotes and backslashes). */
  static List<String> shellSplit(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated single quote in '" + text + "'");
        }
        word.append(text, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char d = text.charAt(i);
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '\\' && i + 1 < n && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
            if (text.charAt(i + 1) != '\n') {
              word.append(text.charAt(i + 1));
            }
            i += 2;
            continue;
          }
          word.append(d);
          i++;
        }
        if (!closed) {
          throw new IllegalArgumentException("unterminated double quote in '" + text + "'");
        }
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new IllegalArgumentException("trailing backslash in '" + text + "'");
        }
        if (text.charAt(i + 1) != '\n') {
          word.append(text.charAt(i + 1));
          inWord = true;
        }
        i += 2;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * Compose's service names, lowercase: letters, digits, '-', '_' and '.', 1 to 63 characters,
   * starting with a letter or digit. They are valid in container names and Docker's DNS answers
   * them on the app's networks ({@code plausible_db}, {@code api.v2}).
   */
  static boolean isServiceName(String name) {
    return name != null && SERVICE_NAME.matcher(name).matches();
  }

  /** Lowercase letters, digits and '-', 1 to 63 characters, not starting or ending with '-'. */
  static boolean isDnsLabel(String name) {
    return name != null && DNS_LABEL.matcher(name).matches();
  }

  /** Checks an image reference such as {@code registry:5000/team/web:1.2@sha256:...}. */
  static void checkImage(String image) {
    if (image.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    if (image.contains("$")) {
      throw new IllegalArgumentException(
          "'"
              + image
              + "': variable interpolation is not supported; write the image reference out");
    }
    if (image.length() > 255 + 136 || !REFERENCE.matcher(image).matches()) {
      throw new IllegalArgumentException(
          "'"
              + image
              + "' is not a valid image reference (expected [registry[:port]/]name[:tag][@digest],"
              + " name in lowercase)");
    }
    String name = image;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > slash) {
      name = name.substring(0, colon);
    }
    if (name.length() > 255) {
      throw new IllegalArgumentException("image name is longer than 255 characters");
    }
  }
}

package dev.baton.service.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ?wait=} values: {@code 30s}, {@code 2m}, {@code 500ms} or plain seconds; capped. */
public final class Waits {
  static final Duration MAX = Duration.ofSeconds(120);
  private static final Pattern FORM = Pattern.compile("(\\d{1,6})(ms|s|m)?");

  private Waits() {}

  public static Duration parse(String field, String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw ApiException.badField(field, "'" + text + "' is not a duration like 30s, 2m or 500ms");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofSeconds(n);
        };
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}

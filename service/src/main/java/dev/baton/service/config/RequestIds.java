package dev.baton.service.config;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/** The id of a request: the caller's {@code X-Request-Id} when it is sane, else a new one. */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String ATTRIBUTE = "baton.requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestIds() {}

  public static String assign(HttpServletRequest request) {
    String given = request.getHeader(HEADER);
    String id =
        given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    request.setAttribute(ATTRIBUTE, id);
    return id;
  }

  public static String of(HttpServletRequest request) {
    return (String) request.getAttribute(ATTRIBUTE);
  }
}

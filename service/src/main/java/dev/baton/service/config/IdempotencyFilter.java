package dev.baton.service.config;

import dev.baton.service.auth.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * {@code Idempotency-Key} on every POST: the first successful (2xx) answer is stored per caller,
 * path and key; the same key with the same request replays it, with another request it is 409. The
 * table's primary key settles races: the loser of two concurrent first requests compares hashes
 * with the winner's row. Failed answers are not stored, so a corrected retry can succeed. An answer
 * marked {@code Cache-Control: no-store} (a new token's secret) is never stored: its key is kept as
 * used, and a replay is 409.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class IdempotencyFilter extends OncePerRequestFilter {
  public static final String HEADER = "Idempotency-Key";
  private static final Pattern OPERATION_ID = Pattern.compile("^\\{\"id\":\"([^\"]+)\"");
  private final IdempotencyStore store;

  public IdempotencyFilter(IdempotencyStore store) {
    this.store = store;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !request.getRequestURI().startsWith("/api/")
        || request.getHeader(HEADER) == null
        || request.getAttribute(Caller.ATTRIBUTE) == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key.isBlank() || key.length() > 200) {
      Problems.write(
          response, HttpStatus.BAD_REQUEST, "header Idempotency-Key: 1 to 200 characters");
      return;
    }
    String caller = ((Caller) request.getAttribute(Caller.ATTRIBUTE)).name();
    String path = request.getRequestURI();
    String hash = hash(request);
    Optional<IdempotencyStore.Stored> earlier = store.find(caller, path, key);
    if (earlier.isPresent()) {
      replay(earlier.get(), hash, response);
      return;
    }
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, cached);
    int status = cached.getStatus();
    if (status >= 200 && status < 300) {
      IdempotencyStore.Stored answer = answer(cached, hash);
      if (!store.save(caller, path, key, answer)) {
        IdempotencyStore.Stored winner = store.find(caller, path, key).orElseThrow();
        if (!winner.requestHash().equals(hash)) {
          cached.resetBuffer();
          Problems.write(cached, HttpStatus.CONFLICT, reusedKey(key));
        }
      }
    }
    cached.copyBodyToResponse();
  }

  private static IdempotencyStore.Stored answer(ContentCachingResponseWrapper cached, String hash) {
    if (String.valueOf(cached.getHeader("Cache-Control")).contains("no-store")) {
      return new IdempotencyStore.Stored(
          hash,
          null,
          HttpStatus.CONFLICT.value(),
          "application/problem+json",
          null,
          "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"header"
              + " Idempotency-Key: this request's answer held a secret that is shown only once;"
              + " it is not repeated\"}");
    }
    String body = new String(cached.getContentAsByteArray(), StandardCharsets.UTF_8);
    Matcher id = OPERATION_ID.matcher(body);
    return new IdempotencyStore.Stored(
        hash,
        id.find() ? id.group(1) : null,
        cached.getStatus(),
        cached.getContentType(),
        cached.getHeader("Location"),
        body);
  }

  private static void replay(
      IdempotencyStore.Stored earlier, String hash, HttpServletResponse response)
      throws IOException {
    if (!earlier.requestHash().equals(hash)) {
      Problems.write(response, HttpStatus.CONFLICT, reusedKeyFor(earlier));
      return;
    }
    response.setStatus(earlier.status());
    response.setHeader("Idempotent-Replayed", "true");
    if (earlier.contentType() != null) {
      response.setContentType(earlier.contentType());
    }
    if (earlier.location() != null) {
      response.setHeader("Location", earlier.location());
    }
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(earlier.body());
  }

  private static String reusedKeyFor(IdempotencyStore.Stored earlier) {
    return "header Idempotency-Key: already used for a different request"
        + (earlier.operationId() == null ? "" : " (operation " + earlier.operationId() + ")")
        + "; use a new key for a new request";
  }

  private static String reusedKey(String key) {
    return "header Idempotency-Key: '" + key + "' is already used for a different request";
  }

  /** Method, path, query, content type and body: what makes two requests "the same". */
  private static String hash(HttpServletRequest request) {
    BoundedBodyFilter.CachedBody cached =
        WebUtils.getNativeRequest(request, BoundedBodyFilter.CachedBody.class);
    byte[] body = cached == null ? new byte[0] : cached.body();
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String head =
          request.getMethod()
              + "\n"
              + request.getRequestURI()
              + "?"
              + request.getQueryString()
              + "\n"
              + request.getContentType()
              + "\n";
      digest.update(head.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Baton's REST API over java.net.http: bearer token, JSON in and out, problem+json errors. Given
 * several replicas' URLs it sends to the one that answered last and moves to the next when one
 * cannot be reached: a read, or a write with an Idempotency-Key, whatever became of the request;
 * any other write only when the connection was refused (it cannot have arrived).
 */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<String> bases;
  private final String token;
  private int current;

  /** {@code urls}: one base URL, or several separated by commas. */
  ApiClient(String urls, String token) {
    this.bases =
        Arrays.stream(urls.split(","))
            .map(String::trim)
            .filter(u -> !u.isEmpty())
            .map(u -> u.replaceAll("/+$", ""))
            .toList();
    this.token = token;
  }

  JsonNode get(String path, Duration timeout) {
    return send(base -> request(base, path, timeout).GET().build(), true);
  }

  JsonNode post(String path, String contentType, String body, String idempotencyKey) {
    return send(
        base -> {
          HttpRequest.Builder request =
              request(base, path, Duration.ofSeconds(60))
                  .header("Content-Type", contentType)
                  .POST(HttpRequest.BodyPublishers.ofString(body));
          if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
          }
          return request.build();
        },
        idempotencyKey != null);
  }

  /** POSTs {@code body} as JSON under a fresh Idempotency-Key (one invocation, one request). */
  JsonNode postJson(String path, JsonNode body) throws IOException {
    return post(
        path, "application/json", JSON.writeValueAsString(body), UUID.randomUUID().toString());
  }

  JsonNode postEmpty(String path) {
    return send(
        base ->
            request(base, path, Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
        false);
  }

  /** The lines of a Server-Sent Events stream; blocks while the server keeps it open. */
  Stream<String> stream(String path) {
    HttpResponse<Stream<String>> response =
        exchange(
            base ->
                HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build(),
            HttpResponse.BodyHandlers.ofLines(),
            true);
    if (response.statusCode() != 200) {
      throw error(response.statusCode(), String.join("\n", response.body().toList()));
    }
    return response.body();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String base, String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private JsonNode send(Function<String, HttpRequest> request, boolean anyFailureMovesOn) {
    HttpResponse<String> response =
        exchange(request, HttpResponse.BodyHandlers.ofString(), anyFailureMovesOn);
    if (response.statusCode() >= 400) {
      throw error(response.statusCode(), response.body());
    }
    String body = response.body();
    try {
      return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new ApiError(0, "Baton answered what is not JSON: " + e.getMessage());
    }
  }

  /** Tries each replica once, starting with the one that answered last. */
  private <T> HttpResponse<T> exchange(
      Function<String, HttpRequest> request,
      HttpResponse.BodyHandler<T> body,
      boolean anyFailureMovesOn) {
    IOException last = null;
    for (int tried = 0; tried < bases.size(); tried++) {
      String base = bases.get(current);
      try {
        return http.send(request.apply(base), body);
      } catch (IOException e) {
        last = e;
        if (!anyFailureMovesOn && !(e instanceof ConnectException)) {
          throw unreachable(base, e);
        }
        current = (current + 1) % bases.size();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiError(0, "interrupted");
      }
    }
    throw unreachable(String.join(", ", bases), last);
  }

  private static ApiError unreachable(String where, IOException e) {
    return new ApiError(0, "cannot reach Baton at " + where + ": " + e);
  }

  private static ApiError error(int status, String body) {
    String detail = body;
    try {
      JsonNode problem = JSON.readTree(body);
      if (problem != null && problem.hasNonNull("detail")) {
        detail = problem.get("detail").asText();
      }
      // Every error of a refused Compose file, at its line, as the API lists them.
      if (problem != null && problem.path("errors").size() > 1) {
        StringBuilder all = new StringBuilder(detail);
        for (JsonNode e : problem.path("errors")) {
          all.append("\n  ")
              .append(e.has("line") ? "line " + e.get("line").asText() + ": " : "")
              .append(e.path("message").asText());
        }
        detail = all.toString();
      }
    } catch (IOException notJson) {
      // keep the raw body
    }
    return new ApiError(status, "HTTP " + status + ": " + detail);
  }
}

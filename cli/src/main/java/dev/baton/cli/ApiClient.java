package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

/** Baton's REST API over java.net.http: bearer token, JSON in and out, problem+json errors. */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String token;

  ApiClient(String base, String token) {
    this.base = base.replaceAll("/+$", "");
    this.token = token;
  }

  JsonNode get(String path, Duration timeout) {
    return send(request(path, timeout).GET().build());
  }

  JsonNode post(String path, String contentType, String body, String idempotencyKey) {
    HttpRequest.Builder request =
        request(path, Duration.ofSeconds(60))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request.build());
  }

  /** POSTs {@code body} as JSON under a fresh Idempotency-Key (one invocation, one request). */
  JsonNode postJson(String path, JsonNode body) throws IOException {
    return post(
        path, "application/json", JSON.writeValueAsString(body), UUID.randomUUID().toString());
  }

  JsonNode postEmpty(String path) {
    return send(
        request(path, Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  /** The lines of a Server-Sent Events stream; blocks while the server keeps it open. */
  Stream<String> stream(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    try {
      HttpResponse<Stream<String>> response =
          http.send(request, HttpResponse.BodyHandlers.ofLines());
      if (response.statusCode() != 200) {
        String body = String.join("\n", response.body().toList());
        throw error(response.statusCode(), body);
      }
      return response.body();
    } catch (IOException e) {
      throw new ApiError(0, "cannot reach Baton at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, "interrupted");
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 400) {
        throw error(response.statusCode(), response.body());
      }
      String body = response.body();
      return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new ApiError(0, "cannot reach Baton at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, "interrupted");
    }
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

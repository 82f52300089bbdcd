package dev.baton.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** A small client of Baton's REST API, as a CI pipeline would use it. */
public final class BatonApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TERMINAL =
      Set.of("SUCCEEDED", "FAILED", "ROLLED_BACK", "ABORTED");
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  public BatonApi(Stack stack) {
    this.base = stack.batonUrl();
    this.token = stack.adminToken();
  }

  public record Response(int status, JsonNode body, String raw) {}

  public Response deploy(String app, String compose) {
    return send(
        request("/api/v1/apps/" + app + "/deployments")
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(compose)));
  }

  /** A deploy of a Compose file with the variables it reads (a JSON body, as the CLI sends). */
  public Response deploy(String app, String compose, java.util.Map<String, String> variables) {
    var body = JSON.createObjectNode().put("compose", compose);
    variables.forEach(body.putObject("variables")::put);
    return postJson("/api/v1/apps/" + app + "/deployments", body.toString());
  }

  /** The same client with another bearer token. */
  public BatonApi as(String otherToken) {
    return new BatonApi(base, otherToken);
  }

  /** The same client against another replica's base URL. */
  public BatonApi at(String otherBase) {
    return new BatonApi(otherBase, token);
  }

  private BatonApi(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public Response postJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      String raw = response.body();
      JsonNode body = raw == null || raw.isBlank() ? null : parse(raw);
      return new Response(response.statusCode(), body, raw);
    } catch (IOException e) {
      throw new IllegalStateException("Baton did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
  }

  /** Polls an operation until it ends (or the timeout passes) and returns its last state. */
  public JsonNode awaitTerminal(String operationId, Duration timeout) {
    Instant until = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(until)) {
      try {
        Response r = get("/api/v1/operations/" + operationId);
        if (r.status() == 200) {
          last = r.body();
          if (TERMINAL.contains(last.path("status").asText())) {
            return last;
          }
        }
      } catch (IllegalStateException restarting) {
        // Baton may be restarting (crash tests): keep polling.
      }
      sleep(250);
    }
    throw new AssertionError(
        "operation " + operationId + " did not end in " + timeout + ": " + last);
  }

  /** Deletes the app and waits (2 min at most) for the delete to end; returns its last state. */
  public JsonNode deleteApp(String app) {
    return deleteApp(app, false);
  }

  /** The same, with the app's named volumes too when {@code volumes}. */
  public JsonNode deleteApp(String app, boolean volumes) {
    Response r = send(request("/api/v1/apps/" + app + (volumes ? "?volumes=delete" : "")).DELETE());
    if (r.status() != 202) {
      throw new AssertionError("DELETE /api/v1/apps/" + app + ": " + r.raw());
    }
    return awaitTerminal(r.body().path("id").asText(), Duration.ofMinutes(2));
  }

  /** Polls an operation's events until {@code count} of {@code type} have happened. */
  public void awaitEvents(String operationId, String type, int count, Duration timeout) {
    long until = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < until) {
      int n = 0;
      for (JsonNode e : get("/api/v1/operations/" + operationId + "/events").body()) {
        if (type.equals(e.path("type").asText())) {
          n++;
        }
      }
      if (n >= count) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError("no " + count + " " + type + " events for " + operationId);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String raw) {
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      return null;
    }
  }
}

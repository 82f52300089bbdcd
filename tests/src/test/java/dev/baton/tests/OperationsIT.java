package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Operations through the API on the real stack: idempotent deploys, a deploy queued behind a
 * running one, waiting with a long-poll, following the SSE stream, and JSON image deploys.
 */
class OperationsIT {
  private final Stack stack = Stack.get();
  private final BatonApi api = new BatonApi(stack);

  private BatonApi.Response deploy(String app, String compose, String key) {
    return api.send(
        api.request("/api/v1/apps/" + app + "/deployments")
            .header("Content-Type", "application/yaml")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(compose)));
  }

  @Test
  void sameKeyAndBodyIsTheSameOperationAnotherBodyIs409() {
    String app = Apps.fresh("idem");
    String key = "key-" + app;
    BatonApi.Response first = deploy(app, Apps.web(stack.image("web", "v1")), key);
    assertThat(first.status()).as(first.raw()).isEqualTo(202);
    BatonApi.Response again = deploy(app, Apps.web(stack.image("web", "v1")), key);
    assertThat(again.status()).as(again.raw()).isEqualTo(202);
    assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());

    BatonApi.Response other = deploy(app, Apps.web(stack.image("web", "v2")), key);
    assertThat(other.status()).as(other.raw()).isEqualTo(409);
    assertThat(other.body().path("detail").asText()).contains("Idempotency-Key");

    api.awaitTerminal(first.body().path("id").asText(), Duration.ofMinutes(3));
    assertThat(api.get("/api/v1/operations?app=" + app).body().size())
        .as("one operation for three requests")
        .isEqualTo(1);
  }

  @Test
  void aDeployWhileAnotherRunsIsQueuedThenBothSucceedInOrder() {
    String app = Apps.fresh("queue");
    BatonApi.Response first = api.deploy(app, Apps.web(stack.image("web", "v1")));
    assertThat(first.status()).as(first.raw()).isEqualTo(202);
    BatonApi.Response second = api.deploy(app, Apps.web(stack.image("web", "v2")));
    assertThat(second.status()).as(second.raw()).isEqualTo(202);
    assertThat(second.body().path("status").asText()).isEqualTo("QUEUED");
    assertThat(api.get("/api/v1/operations?app=" + app + "&status=QUEUED").raw())
        .contains(second.body().path("id").asText());

    JsonNode a = api.awaitTerminal(first.body().path("id").asText(), Duration.ofMinutes(3));
    JsonNode b = api.awaitTerminal(second.body().path("id").asText(), Duration.ofMinutes(3));
    assertThat(a.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(b.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(Instant.parse(b.path("startedAt").asText()))
        .as("the second starts after the first ended")
        .isAfterOrEqualTo(Instant.parse(a.path("finishedAt").asText()));
    assertThat(api.get("/api/v1/apps/" + app).body().path("currentRevision").asInt())
        .isEqualTo(b.path("revision").asInt());
  }

  @Test
  void aLongPollAnswersWhenTheOperationEnds() {
    String app = Apps.fresh("poll");
    BatonApi.Response accepted = api.deploy(app, Apps.web(stack.image("web", "v1")));
    assertThat(accepted.status()).isEqualTo(202);
    String id = accepted.body().path("id").asText();
    long start = System.nanoTime();
    BatonApi.Response done =
        api.send(
            api.request("/api/v1/operations/" + id + "?wait=120s")
                .timeout(Duration.ofSeconds(150))
                .GET());
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body().path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(tookMs).as("answered at the end, not at the cap").isLessThan(110_000);
    assertThat(done.body().path("links").path("temporalUi").asText())
        .startsWith(stack.get("TEMPORAL_UI_URL"));

    BatonApi.Response shortWait = api.get("/api/v1/operations/" + id + "?wait=1s");
    assertThat(shortWait.body().path("status").asText())
        .as("terminal: at once")
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void theEventStreamDeliversEventsAndEndsWithTheStatus() throws Exception {
    String app = Apps.fresh("sse");
    BatonApi.Response accepted = api.deploy(app, Apps.web(stack.image("web", "v1")));
    String id = accepted.body().path("id").asText();
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(stack.batonUrl() + "/api/v1/operations/" + id + "/events"))
                    .header("Authorization", "Bearer " + stack.adminToken())
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<String> lines = new ArrayList<>();
    Instant until = Instant.now().plus(Duration.ofMinutes(3));
    try (Stream<String> body = response.body()) {
      // The stream ends by itself after the status event; the loop ends with it.
      body.takeWhile(l -> Instant.now().isBefore(until)).forEach(lines::add);
    } catch (java.io.UncheckedIOException e) {
      throw new IOException("stream broke", e);
    }
    String text = String.join("\n", lines);
    assertThat(text).contains("event:event", "operation.succeeded", "event:status");
    assertThat(text.lastIndexOf("event:status"))
        .as("the status comes last")
        .isGreaterThan(text.lastIndexOf("event:event"));
    assertThat(lines.stream().filter(l -> l.startsWith("data:")).reduce((x, y) -> y).orElse(""))
        .contains("\"status\":\"SUCCEEDED\"");
    // and the same events as plain JSON
    assertThat(api.get("/api/v1/operations/" + id + "/events").body().size())
        .isEqualTo(lines.stream().filter(l -> l.equals("event:event")).count());
  }

  @Test
  void aJsonDeployChangesOnlyTheImage() {
    String app = Apps.fresh("img");
    BatonApi.Response first = api.deploy(app, Apps.web(stack.image("web", "v1")));
    api.awaitTerminal(first.body().path("id").asText(), Duration.ofMinutes(3));

    BatonApi.Response unknown =
        api.postJson(
            "/api/v1/apps/" + app + "/deployments", "{\"images\":{\"db\":\"postgres:15\"}}");
    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(422);
    assertThat(unknown.body().path("errors").get(0).path("path").asText()).isEqualTo("images.db");

    BatonApi.Response second =
        api.postJson(
            "/api/v1/apps/" + app + "/deployments",
            "{\"images\":{\"web\":\"" + stack.image("web", "v2") + "\"},\"reason\":\"v2 please\"}");
    assertThat(second.status()).as(second.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(second.body().path("id").asText(), Duration.ofMinutes(3));
    assertThat(done.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(done.path("reason").asText()).isEqualTo("v2 please");
    JsonNode instances = api.get("/api/v1/apps/" + app).body().path("instances");
    String address = null;
    for (JsonNode i : instances) {
      if (i.path("revision").asInt() == done.path("revision").asInt()) {
        address = i.path("address").asText();
      }
    }
    assertThat(address).isNotNull();
    assertThat(Http.get(address, "/version")).isEqualTo("v2");
  }
}

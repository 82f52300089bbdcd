package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx naming the field or key, and changes nothing: no revision, no workflow. */
class BadInputIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Stack stack = Stack.get();
  private final BatonApi api = new BatonApi(stack);
  private final String app = "bad-" + Long.toString(System.currentTimeMillis(), 36);

  private void assertNothingChanged() {
    assertThat(api.get("/api/v1/apps/" + app).status()).as("app exists").isEqualTo(404);
    Cli.Result listed =
        Cli.temporal(stack, "workflow", "list", "--query", "BatonApp=\"" + app + "\"");
    assertThat(listed.exit()).isZero();
    assertThat(listed.output()).doesNotContain(app);
  }

  @Test
  void aKeyThatWouldGiveTheHostIsRejectedWithItsPathAndLine() {
    String compose =
        """
        services:
          web:
            image: %s
            privileged: true
        """
            .formatted(stack.image("web", "v1"));
    BatonApi.Response r = api.deploy(app, compose);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().path("errors").get(0).path("path").asText())
        .isEqualTo("services.web.privileged");
    assertThat(r.body().path("errors").get(0).path("line").asInt()).isEqualTo(4);
    assertNothingChanged();
  }

  @Test
  void aWrongTypeAndABadEnumAreBothNamed() {
    String compose =
        """
        services:
          web:
            image: %s
            deploy:
              replicas: many
              update_config:
                order: sideways
        """
            .formatted(stack.image("web", "v1"));
    BatonApi.Response r = api.deploy(app, compose);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.raw()).contains("services.web.deploy.replicas").contains("order");
    assertNothingChanged();
  }

  @Test
  void malformedYamlAndABadAppNameAndAMissingTokenAreRejected() {
    BatonApi.Response yaml = api.deploy(app, "services: [unclosed");
    assertThat(yaml.status()).isEqualTo(422);

    BatonApi.Response name = api.deploy("Not_A_Label", "services: {}");
    assertThat(name.status()).isEqualTo(400);
    assertThat(name.raw()).contains("app");

    BatonApi.Response json =
        api.send(
            api.request("/api/v1/apps/" + app + "/deployments")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("services: {}")));
    assertThat(json.status()).isEqualTo(415);

    BatonApi.Response anonymous =
        api.send(
            HttpRequest.newBuilder(
                    java.net.URI.create(stack.batonUrl() + "/api/v1/apps/" + app + "/deployments"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("services: {}")));
    assertThat(anonymous.status()).isEqualTo(401);
    assertNothingChanged();
  }

  /**
   * What Tomcat or a filter refuses before any controller runs (found by Schemathesis and by hand)
   * is still a 4xx problem+json, never Tomcat's HTML page, Spring's default error JSON or a 5xx.
   */
  @Test
  void hostileRequestsGetAProblemNotAnHtmlPage() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Map<String, HttpRequest> hostile = new LinkedHashMap<>();
    hostile.put("an empty parameter name", api.request("/api/v1/operations?=x").GET().build());
    hostile.put(
        "encoded slashes in the path",
        api.request("/api/v1/apps/..%2F..%2Fetc/revisions").GET().build());
    hostile.put(
        "a 100 KB header",
        api.request("/api/v1/apps").header("X-Padding", "a".repeat(100_000)).GET().build());
    hostile.put(
        "a 10 KB Idempotency-Key",
        api.request("/api/v1/apps/" + app + "/scale")
            .header("Idempotency-Key", "k".repeat(10_000))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"replicas\":{\"web\":2}}"))
            .build());
    for (Map.Entry<String, HttpRequest> e : hostile.entrySet()) {
      HttpResponse<String> r = http.send(e.getValue(), HttpResponse.BodyHandlers.ofString());
      String what = e.getKey() + ": " + r.statusCode() + " " + r.body();
      assertThat(r.statusCode()).as(what).isBetween(400, 499);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .as(what)
          .startsWith("application/problem+json");
      JsonNode problem = JSON.readTree(r.body());
      assertThat(problem.path("status").asInt()).as(what).isEqualTo(r.statusCode());
      assertThat(problem.path("detail").asText()).as(what).isNotBlank();
    }
    JsonNode query =
        JSON.readTree(
            http.send(hostile.get("an empty parameter name"), HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(query.path("errors").get(0).path("path").asText()).isEqualTo("query");
    assertNothingChanged();
  }
}

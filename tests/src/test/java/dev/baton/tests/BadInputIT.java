package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx naming the field or key, and changes nothing: no revision, no workflow. */
class BadInputIT {
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
}

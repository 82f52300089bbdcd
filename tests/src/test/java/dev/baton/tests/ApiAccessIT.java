package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * Tokens and roles on the real stack: an admin issues tokens, a viewer reads but may not deploy, a
 * revoked token is refused, and every write lands in the audit log with its outcome.
 */
class ApiAccessIT {
  private final Stack stack = Stack.get();
  private final BatonApi admin = new BatonApi(stack);
  private final String app = Apps.fresh("acl");

  private JsonNode issue(String name, String role) {
    BatonApi.Response r =
        admin.postJson("/api/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    assertThat(r.body().path("token").asText()).hasSizeGreaterThanOrEqualTo(43);
    return r.body();
  }

  @Test
  void viewerReadsOnlyAndARevokedTokenIsRefused() {
    JsonNode viewer = issue(app + "-viewer", "viewer");
    BatonApi asViewer = admin.as(viewer.path("token").asText());

    assertThat(asViewer.get("/api/v1/apps").status()).isEqualTo(200);
    BatonApi.Response deploy = asViewer.deploy(app, Apps.web(stack.image("web", "v1")));
    assertThat(deploy.status()).as(deploy.raw()).isEqualTo(403);
    assertThat(deploy.body().path("detail").asText()).contains("DEPLOYER");
    assertThat(asViewer.get("/api/v1/tokens").status()).isEqualTo(403);
    assertThat(admin.get("/api/v1/apps/" + app).status()).as("nothing deployed").isEqualTo(404);

    BatonApi.Response listed = admin.get("/api/v1/tokens");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.raw())
        .contains(app + "-viewer")
        .doesNotContain(viewer.path("token").asText());

    BatonApi.Response revoked =
        admin.send(admin.request("/api/v1/tokens/" + viewer.path("id").asLong()).DELETE());
    assertThat(revoked.status()).isEqualTo(204);
    BatonApi.Response after = asViewer.get("/api/v1/apps");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.body().path("detail").asText()).contains("Authorization");
  }

  @Test
  void aTokenNameIsUniqueAndARoleMustExist() {
    issue(app + "-dup", "deployer");
    assertThat(
            admin
                .postJson("/api/v1/tokens", "{\"name\":\"" + app + "-dup\",\"role\":\"viewer\"}")
                .status())
        .isEqualTo(409);
    BatonApi.Response badRole =
        admin.postJson("/api/v1/tokens", "{\"name\":\"" + app + "-x\",\"role\":\"root\"}");
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.body().path("errors").get(0).path("path").asText()).isEqualTo("role");
  }

  @Test
  void withoutATokenIs401() {
    BatonApi.Response r =
        admin.send(
            HttpRequest.newBuilder(java.net.URI.create(stack.batonUrl() + "/api/v1/apps")).GET());
    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void everyWriteIsAudited() {
    JsonNode viewer = issue(app + "-audit", "viewer");
    String requestId = "it-" + app;
    BatonApi.Response refused =
        admin
            .as(viewer.path("token").asText())
            .send(
                admin
                    .as(viewer.path("token").asText())
                    .request("/api/v1/apps/" + app + "/deployments")
                    .header("Content-Type", "application/yaml")
                    .header("X-Request-Id", requestId)
                    .POST(HttpRequest.BodyPublishers.ofString(Apps.web("x"))));
    assertThat(refused.status()).isEqualTo(403);

    BatonApi.Response audit = admin.get("/api/v1/audit?target=apps/" + app + "&limit=10");
    assertThat(audit.status()).as(audit.raw()).isEqualTo(200);
    JsonNode row = audit.body().get(0);
    assertThat(row.path("requestId").asText()).isEqualTo(requestId);
    assertThat(row.path("tokenName").asText()).isEqualTo(app + "-audit");
    assertThat(row.path("action").asText()).isEqualTo("POST deployments");
    assertThat(row.path("outcome").asInt()).isEqualTo(403);
    assertThat(row.path("source").asText()).isEqualTo("127.0.0.1");

    BatonApi.Response tokens = admin.get("/api/v1/audit?target=tokens&limit=50");
    assertThat(tokens.raw()).contains("\"outcome\":201").contains("\"tokenName\":\"admin\"");
  }

  @Test
  void prometheusMetricsNeedTheAdminTokenAndIncludeTemporals() {
    JsonNode viewer = issue(app + "-metrics", "viewer");
    BatonApi.Response metrics = admin.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw()).contains("temporal_").contains("http_server_requests");
    assertThat(admin.as(viewer.path("token").asText()).get("/actuator/prometheus").status())
        .isEqualTo(403);
    BatonApi.Response open =
        admin.send(
            HttpRequest.newBuilder(java.net.URI.create(stack.batonUrl() + "/actuator/health"))
                .GET());
    assertThat(open.status()).isEqualTo(200);
    BatonApi.Response docs =
        admin.send(
            HttpRequest.newBuilder(java.net.URI.create(stack.batonUrl() + "/v3/api-docs")).GET());
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.raw()).contains("/api/v1/apps/{app}/deployments");
  }
}

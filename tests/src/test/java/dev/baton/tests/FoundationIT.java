package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The foundation, proven on the real stack: Baton, Flyway, Temporal, every Docker host. */
class FoundationIT {
  private final Stack stack = Stack.get();
  private final BatonApi api = new BatonApi(stack);
  private final Engines engines = new Engines(stack);

  @Test
  void batonIsUpAndRejectsCallsWithoutAToken() {
    BatonApi.Response health = api.send(api.request("/actuator/health").GET());
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("status").asText()).isEqualTo("UP");

    BatonApi.Response anonymous =
        api.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(stack.batonUrl() + "/api/v1/apps"))
                .GET());
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.raw()).contains("Authorization");
  }

  @Test
  void flywayMigratedTheRuntimeSchema() throws Exception {
    try (var db = Database.connect(stack);
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "SELECT version, success FROM flyway_schema_history WHERE version = '1'")) {
      assertThat(rs.next()).as("V1 applied").isTrue();
      assertThat(rs.getBoolean("success")).isTrue();
    }
    try (var db = Database.connect(stack);
        ResultSet rs =
            db.createStatement().executeQuery("SELECT name, status FROM hosts ORDER BY name")) {
      int hosts = 0;
      while (rs.next()) {
        hosts++;
        assertThat(rs.getString("status")).isEqualTo("READY");
      }
      assertThat(hosts).as("both engines registered as hosts").isEqualTo(2);
    }
  }

  @Test
  void everyDockerHostAnswersAndRunsAnImageFromTheLocalRegistry() throws Exception {
    String image = stack.image("web", "v1");
    assertThat(engines.clients()).hasSize(2);
    for (Map.Entry<String, DockerClient> entry : engines.clients().entrySet()) {
      DockerClient docker = entry.getValue();
      docker.pingCmd().exec();
      assertThat(docker.versionCmd().exec().getApiVersion()).isEqualTo("1.41");
      docker
          .pullImageCmd(image)
          .exec(new PullImageResultCallback())
          .awaitCompletion(60, TimeUnit.SECONDS);
      String name = "foundation-probe-" + entry.getKey();
      docker
          .listContainersCmd()
          .withShowAll(true)
          .withNameFilter(java.util.List.of(name))
          .exec()
          .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
      String id =
          docker
              .createContainerCmd(image)
              .withName(name)
              .withLabels(Map.of("baton.test", "foundation"))
              .exec()
              .getId();
      try {
        docker.startContainerCmd(id).exec();
        InspectContainerResponse inspected = docker.inspectContainerCmd(id).exec();
        assertThat(inspected.getState().getRunning()).as("running on " + entry.getKey()).isTrue();
      } finally {
        docker.removeContainerCmd(id).withForce(true).exec();
      }
    }
  }

  @Test
  void aWorkflowStartedThroughBatonCompletesOnTemporalAndIsListed() {
    String app = "foundation-" + Long.toString(System.currentTimeMillis(), 36);
    engines.purge(app);
    String compose =
        """
        services:
          web:
            image: %s
            deploy:
              replicas: 1
        """
            .formatted(stack.image("web", "v1"));
    BatonApi.Response accepted = api.deploy(app, compose);
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    String workflowId = accepted.body().path("workflowId").asText();
    JsonNode done = api.awaitTerminal(accepted.body().path("id").asText(), Duration.ofSeconds(90));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");

    Cli.Result listed =
        Cli.temporal(stack, "workflow", "list", "--query", "WorkflowId=\"" + workflowId + "\"");
    assertThat(listed.exit()).as(listed.output()).isZero();
    assertThat(listed.output()).contains(workflowId).contains("Completed");
    engines.purge(app);
  }
}

package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
      assertThat(hosts).as("every engine registered as a host").isEqualTo(engines.clients().size());
    }
  }

  /**
   * Every host is a machine of its own on the stack's LAN: its engine answers, pulls from the
   * registry at its LAN address, and a port it publishes on its address answers from here and from
   * a container on another host, but not on this machine's loopback (another network namespace).
   */
  @Test
  void everyHostIsAMachineOnTheLanThatRunsAnImageFromTheRegistry() throws Exception {
    String image = stack.image("web", "v1");
    List<String> addresses = stack.hostAddresses();
    assertThat(engines.clients()).hasSize(3);
    assertThat(addresses).hasSize(3).doesNotHaveDuplicates();
    JsonNode hosts = api.get("/api/v1/hosts").body();
    Map<String, String> registered = new LinkedHashMap<>();
    hosts.forEach(h -> registered.put(h.path("name").asText(), h.path("address").asText()));
    List<String> names = List.copyOf(engines.clients().keySet());
    for (int i = 0; i < names.size(); i++) {
      assertThat(registered).containsEntry(names.get(i), addresses.get(i));
    }

    Map<String, Probe> probes = new LinkedHashMap<>();
    try {
      for (int i = 0; i < names.size(); i++) {
        probes.put(
            names.get(i),
            Probe.start(
                engines.clients().get(names.get(i)), image, names.get(i), addresses.get(i)));
      }
      for (int i = 0; i < names.size(); i++) {
        Probe probe = probes.get(names.get(i));
        String published = probe.address + ":" + probe.port;
        assertThat(awaitBody(published)).as("GET /health on " + published).isEqualTo("ok");
        assertThat(Http.get("127.0.0.1:" + probe.port, "/health"))
            .as("%s publishes on its own address, not on this machine's loopback", names.get(i))
            .isNull();
        Probe other = probes.get(names.get((i + 1) % names.size()));
        assertThat(other.fetch(probe.address, probe.port, "/health"))
            .as("from a container on %s to %s", other.host, published)
            .endsWith("ok");
      }
    } finally {
      probes.values().forEach(Probe::remove);
    }
  }

  private static String awaitBody(String address) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      String body = Http.get(address, "/health");
      if (body != null) {
        return body;
      }
      Thread.sleep(100);
    }
    return null;
  }

  /** A web container on one host, publishing 8080 on the host's address. */
  private record Probe(DockerClient docker, String id, String host, String address, int port) {
    static Probe start(DockerClient docker, String image, String host, String address)
        throws InterruptedException {
      assertThat(docker.versionCmd().exec().getApiVersion()).isEqualTo("1.41");
      docker
          .pullImageCmd(image)
          .exec(new PullImageResultCallback())
          .awaitCompletion(60, TimeUnit.SECONDS);
      String name = "foundation-probe-" + host;
      docker
          .listContainersCmd()
          .withShowAll(true)
          .withNameFilter(List.of(name))
          .exec()
          .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
      ExposedPort http = ExposedPort.tcp(8080);
      String id =
          docker
              .createContainerCmd(image)
              .withName(name)
              .withLabels(Map.of("baton.test", "foundation"))
              .withExposedPorts(http)
              .withHostConfig(
                  HostConfig.newHostConfig()
                      .withPortBindings(new PortBinding(Ports.Binding.bindIp(address), http)))
              .exec()
              .getId();
      docker.startContainerCmd(id).exec();
      InspectContainerResponse inspected = docker.inspectContainerCmd(id).exec();
      assertThat(inspected.getState().getRunning()).as("running on " + host).isTrue();
      Ports.Binding bound = inspected.getNetworkSettings().getPorts().getBindings().get(http)[0];
      assertThat(bound.getHostIp()).isEqualTo(address);
      return new Probe(docker, id, host, address, Integer.parseInt(bound.getHostPortSpec()));
    }

    /** What a plain HTTP/1.0 GET from inside this container to address:port answers. */
    String fetch(String toAddress, int toPort, String path) throws InterruptedException {
      String request =
          "printf 'GET " + path + " HTTP/1.0\\r\\n\\r\\n' | nc -w 3 " + toAddress + " " + toPort;
      return Engines.exec(docker, id, "/bin/busybox", "sh", "-c", request);
    }

    void remove() {
      docker.removeContainerCmd(id).withForce(true).exec();
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

package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The balancers on the real stack: a service's published port answers on every host's address and
 * spreads over its replicas on all hosts; a container of another service reaches it by name on its
 * own host; rolling to a new version and scaling up and down lose no request of a steady load; the
 * app's delete removes its balancers. The steps build on each other, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BalancerIT {
  private static final String APP = "lb-" + Long.toString(System.currentTimeMillis(), 36);
  private static final int PORT = 18090;

  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);
  private static final List<String> report = new ArrayList<>();

  private static String compose(String version, int webReplicas) {
    return """
        services:
          web:
            image: %s
            init: true
            ports: ["%d:8080"]
            healthcheck:
              test: ["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]
              interval: 1s
              timeout: 3s
              retries: 3
            deploy:
              replicas: %d
              update_config: {parallelism: 1, order: start-first, monitor: 1s}
          client:
            image: %s
            init: true
            deploy:
              replicas: 3
        """
        .formatted(stack.image("web", version), PORT, webReplicas, stack.image("web", "v1"));
  }

  private static void succeeded(BatonApi.Response accepted) {
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(accepted.body().path("id").asText(), Duration.ofMinutes(3));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
  }

  private static BatonApi.Response scale(int n) {
    return api.send(
        api.request("/api/v1/apps/" + APP + "/scale")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"replicas\":{\"web\":" + n + "},\"reason\":\"it\"}")));
  }

  private static List<String> ingress() {
    return stack.hostAddresses().stream().map(a -> a + ":" + PORT).toList();
  }

  @AfterAll
  static void print() {
    System.out.println("BalancerIT: " + report);
  }

  @Test
  @Order(1)
  void thePublishedPortAnswersOnEveryHostAndSpreadsOverTheReplicas() throws Exception {
    succeeded(api.deploy(APP, compose("v1", 3)));
    for (String address : ingress()) {
      assertThat(Http.get(address, "/version")).as("version at " + address).isEqualTo("v1");
    }
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      answered.add(String.valueOf(Http.get(ingress().get(0), "/cgi-bin/whoami")));
    }
    assertThat(answered).as("instances answering through host1's balancer").hasSize(3);
    Set<String> webHosts = new HashSet<>();
    engines.containers(APP).stream()
        .filter(p -> "web".equals(p.label("baton.service")))
        .forEach(p -> webHosts.add(p.host()));
    assertThat(webHosts).as("web replicas on every host").hasSize(engines.clients().size());
  }

  @Test
  @Order(2)
  void aContainerOfAnotherServiceReachesItByNameOnEveryHost() throws Exception {
    List<Engines.Placed> clients =
        engines.containers(APP).stream()
            .filter(p -> "client".equals(p.label("baton.service")))
            .toList();
    assertThat(clients).hasSize(3);
    Set<String> hosts = new HashSet<>();
    for (Engines.Placed c : clients) {
      String out =
          Engines.exec(
              engines.clients().get(c.host()),
              c.container().getId(),
              "/bin/busybox",
              "timeout",
              "5",
              "/bin/busybox",
              "wget",
              "-q",
              "-O-",
              "http://web:8080/version");
      assertThat(out).as("web:8080 from client on " + c.host()).isEqualTo("v1");
      hosts.add(c.host());
    }
    assertThat(hosts).hasSize(engines.clients().size());
  }

  @Test
  @Order(3)
  void anotherAppPublishingThePortIsRefusedNamingTheKeyAndTheApp() {
    String other = APP + "-b";
    String compose = compose("v1", 1).replace("client:", "other:");
    BatonApi.Response refused = api.deploy(other, compose);
    assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
    assertThat(refused.body().path("errors").get(0).path("path").asText())
        .isEqualTo("services.web.ports[0]");
    assertThat(refused.body().path("detail").asText()).contains("18090").contains(APP);
    assertThat(api.get("/api/v1/apps/" + other).status()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void rollingToV2UnderLoadLosesNoRequest() throws Exception {
    try (SteadyLoad load = SteadyLoad.start(ingress(), "/version", Duration.ofMinutes(4))) {
      succeeded(api.deploy(APP, compose("v2", 3)));
      SteadyLoad.Result r = load.stop();
      report.add("rolling v1->v2: " + r);
      assertThat(r.ok()).as("requests answered during the rollout").isGreaterThan(100);
      assertThat(r.failures()).as("requests lost: " + r).isEmpty();
    }
    for (String address : ingress()) {
      assertThat(Http.get(address, "/version")).as("version at " + address).isEqualTo("v2");
    }
  }

  @Test
  @Order(5)
  void scalingUpAndDownUnderLoadLosesNoRequest() throws Exception {
    try (SteadyLoad load = SteadyLoad.start(ingress(), "/version", Duration.ofMinutes(4))) {
      succeeded(scale(6));
      succeeded(scale(2));
      SteadyLoad.Result r = load.stop();
      report.add("scale 3->6->2: " + r);
      assertThat(r.ok()).as("requests answered while scaling").isGreaterThan(50);
      assertThat(r.failures()).as("requests lost: " + r).isEmpty();
    }
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      answered.add(String.valueOf(Http.get(ingress().get(1), "/cgi-bin/whoami")));
    }
    assertThat(answered).as("instances answering after scaling to 2").hasSize(2);
  }

  @Test
  @Order(6)
  void deletingTheAppRemovesItsBalancers() {
    BatonApi.Response r = api.send(api.request("/api/v1/apps/" + APP).DELETE());
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(r.body().path("id").asText(), Duration.ofMinutes(2));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    engines
        .clients()
        .forEach(
            (host, docker) ->
                assertThat(
                        docker
                            .listContainersCmd()
                            .withShowAll(true)
                            .withLabelFilter(java.util.Map.of("baton.balancer", APP))
                            .exec())
                    .as("balancers of " + APP + " on " + host)
                    .isEmpty());
    assertThat(Http.get(ingress().get(0), "/version")).isNull();
  }
}

package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Compose networks on the real stack: services reach each other by name (and alias) only across a
 * network they share, on every host, as in Compose; a service moved off a network by a deploy is
 * gone from it; the app's delete removes its networks. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworksIT {
  private static final String APP = "nets-" + Long.toString(System.currentTimeMillis(), 36);

  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);

  private static String compose(String apiNetworks) {
    String service =
        """
          %s:
            image: %s
            init: true
            ports: ["8080"]
            networks: %s
            healthcheck:
              test: ["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]
              interval: 1s
              timeout: 3s
              retries: 3
            deploy:
              replicas: 3
        """;
    return "services:\n"
        + service.formatted("web", stack.image("web", "v1"), "[front]")
        + service.formatted("api", stack.image("web", "v2"), apiNetworks)
        + service.formatted("store", stack.image("web", "v1"), "[back]")
        + "networks:\n  front: {}\n  back: {}\n";
  }

  private static final String API_ON_BOTH = "{front: {}, back: {aliases: [backend]}}";

  private static void succeeded(BatonApi.Response accepted) {
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(accepted.body().path("id").asText(), Duration.ofMinutes(3));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
  }

  /** What {@code GET http://<name>:8080/version} answers in every container of the service. */
  private static List<String> askFrom(String service, String name) {
    return run(service, "-q", "http://" + name + ":8080/version");
  }

  /**
   * What wget says in every container of the service for a name on no network it is on: "bad
   * address", or nothing when the engine's DNS, asking upstream for an unknown name, outlasts the 3
   * s (a name of a network it is on resolves at once).
   */
  private static List<String> failFrom(String service, String name) {
    return run(service, "-S", "http://" + name + ":8080/version");
  }

  private static boolean unresolved(String answer) {
    return answer.contains("bad address") || answer.endsWith(": ");
  }

  /** Runs wget in every running container of the service at once (a miss may take its 3 s). */
  private static List<String> run(String service, String flag, String url) {
    List<String> answers =
        engines.containers(APP).parallelStream()
            .filter(c -> service.equals(c.label("baton.service")) && c.running())
            .map(c -> c.host() + ": " + wget(c, flag, url))
            .toList();
    assertThat(answers).as(service + " containers").hasSize(3);
    return answers;
  }

  private static String wget(Engines.Placed c, String flag, String url) {
    try {
      return Engines.exec(
          engines.clients().get(c.host()),
          c.container().getId(),
          "/bin/busybox",
          "timeout",
          "3",
          "/bin/busybox",
          "wget",
          flag,
          "-O-",
          url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(1)
  void servicesReachEachOtherOnlyAcrossANetworkTheyShare() throws Exception {
    succeeded(api.deploy(APP, compose(API_ON_BOTH)));
    assertThat(askFrom("web", "api")).allMatch(a -> a.endsWith(": v2"));
    assertThat(askFrom("store", "api")).allMatch(a -> a.endsWith(": v2"));
    assertThat(askFrom("store", "backend")).allMatch(a -> a.endsWith(": v2"));
    // Not on a common network: the name does not resolve.
    assertThat(failFrom("web", "store")).allMatch(NetworksIT::unresolved);
    assertThat(failFrom("web", "backend")).allMatch(NetworksIT::unresolved);
    assertThat(failFrom("store", "web")).allMatch(NetworksIT::unresolved);
  }

  @Test
  @Order(2)
  void aServiceMovedOffANetworkIsGoneFromIt() throws Exception {
    succeeded(api.deploy(APP, compose("{back: {aliases: [backend]}}")));
    assertThat(askFrom("store", "backend")).allMatch(a -> a.endsWith(": v2"));
    assertThat(failFrom("web", "api")).allMatch(NetworksIT::unresolved);
  }

  @Test
  @Order(3)
  void deletingTheAppRemovesItsNetworks() {
    JsonNode done = api.deleteApp(APP);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    engines
        .clients()
        .forEach(
            (host, docker) ->
                assertThat(
                        docker
                            .listNetworksCmd()
                            .withFilter("label", List.of("baton.app=" + APP))
                            .exec())
                    .as("networks of " + APP + " on " + host)
                    .isEmpty());
  }
}

package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The balancers on the real stack: a service's published port answers on every host's address and
 * spreads over its replicas on all hosts; a container of another service reaches it by name on its
 * own host; and a steady load of 100 requests a second, each a new connection, spread over every
 * host's ingress, loses no request while the service is rolled start-first and stop-first, rolled
 * back, scaled 4 -> 8 -> 2 -> 4, has two replicas killed, has its busiest host drained, and while
 * Baton is killed mid-rollout. The app's delete removes its balancers. The steps build on each
 * other, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BalancerIT {
  private static final String APP = "lb-" + Long.toString(System.currentTimeMillis(), 36);
  private static final int PORT = 18090;
  private static final int RATE = 100;
  private static final int WEB = 4;

  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);
  private static final List<String> report = new ArrayList<>();

  private static String compose(String version, String order) {
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
              update_config: {parallelism: 1, order: %s, monitor: 1s}
          client:
            image: %s
            init: true
            deploy:
              replicas: 3
        """
        .formatted(stack.image("web", version), PORT, WEB, order, stack.image("web", "v1"));
  }

  private static void succeeded(BatonApi.Response accepted) {
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(accepted.body().path("id").asText(), Duration.ofMinutes(3));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
  }

  private static BatonApi.Response scale(int n) {
    return api.postJson(
        "/api/v1/apps/" + APP + "/scale", "{\"replicas\":{\"web\":" + n + "},\"reason\":\"it\"}");
  }

  private static List<String> ingress() {
    return stack.hostAddresses().stream().map(a -> a + ":" + PORT).toList();
  }

  /** Runs {@code change} under the steady load and asserts that no request was lost. */
  private static void underLoad(String scenario, Change change) throws Exception {
    underLoad(scenario, 0, change);
  }

  /** As {@link #underLoad(String, Change)}, allowing {@code mayLose} lost requests. */
  private static void underLoad(String scenario, int mayLose, Change change) throws Exception {
    SteadyLoad.Result r;
    try (SteadyLoad load = SteadyLoad.start(ingress(), "/version", RATE, Duration.ofMinutes(4))) {
      change.run();
      r = load.stop();
    }
    report.add(scenario + ": " + r);
    assertThat(r.rate()).as("load rate during " + scenario).isGreaterThan(RATE * 0.9);
    assertThat(r.ok()).as("requests answered during " + scenario).isGreaterThan(RATE * 5);
    assertThat(r.lost()).as(scenario + ": " + r + " " + r.firstLost()).isLessThanOrEqualTo(mayLose);
  }

  private interface Change {
    void run() throws Exception;
  }

  private static List<Engines.Placed> web() {
    return engines.containers(APP).stream()
        .filter(p -> "web".equals(p.label("baton.service")))
        .toList();
  }

  private static Set<String> versionsAt(String address, int tries) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tries; i++) {
      seen.add(String.valueOf(Http.get(address, "/version")));
    }
    return seen;
  }

  private static void await(String what, Duration timeout, BooleanSupplier done) {
    long until = System.currentTimeMillis() + timeout.toMillis();
    while (!done.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(until);
      BatonApi.sleep(250);
    }
  }

  @AfterAll
  static void print() {
    System.out.println("BalancerIT: " + report);
  }

  @Test
  @Order(1)
  void thePublishedPortAnswersOnEveryHostAndSpreadsOverTheReplicas() throws Exception {
    succeeded(api.deploy(APP, compose("v1", "start-first")));
    for (String address : ingress()) {
      assertThat(Http.get(address, "/version")).as("version at " + address).isEqualTo("v1");
    }
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      answered.add(String.valueOf(Http.get(ingress().get(0), "/cgi-bin/whoami")));
    }
    assertThat(answered).as("instances answering through host1's balancer").hasSize(WEB);
    Set<String> webHosts = new HashSet<>();
    web().forEach(p -> webHosts.add(p.host()));
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
  void theApiShowsEachHostsBalancerAndWhichInstancesAreInService() {
    await(
        "every host's web balancer over " + WEB + " instances",
        Duration.ofSeconds(20),
        () -> webBalancers().size() == engines.clients().size());
    List<String> hostAddresses = stack.hostAddresses();
    for (JsonNode b : webBalancers()) {
      assertThat(b.path("state").asText()).as(b.toString()).isEqualTo("serving");
      assertThat(b.path("listens").get(0).asText()).as(b.toString()).endsWith(":" + PORT);
      assertThat(hostAddresses).contains(b.path("listens").get(0).asText().split(":")[0]);
    }
    JsonNode instances = api.get("/api/v1/apps/" + APP).body().path("instances");
    for (JsonNode i : instances) {
      boolean web = "web".equals(i.path("service").asText());
      assertThat(i.path("inService").asBoolean()).as(i.toString()).isEqualTo(web);
    }
    for (String host : engines.clients().keySet()) {
      JsonNode lbs = api.get("/api/v1/hosts/" + host).body().path("balancers");
      assertThat(lbs.findValuesAsText("app")).as("balancers on " + host).contains(APP);
    }
  }

  private static List<JsonNode> webBalancers() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode b : api.get("/api/v1/apps/" + APP).body().path("balancers")) {
      if ("web".equals(b.path("service").asText()) && b.path("servers").asInt() == WEB) {
        out.add(b);
      }
    }
    return out;
  }

  @Test
  @Order(4)
  void aBalancerRemovedOrStoppedByHandIsBackWithinItsUpkeep() {
    List<String> hosts = List.copyOf(new TreeSet<>(engines.clients().keySet()));
    String name = "baton-lb-" + APP + "-web";
    long start = System.nanoTime();
    engines.clients().get(hosts.get(0)).removeContainerCmd(name).withForce(true).exec();
    engines.clients().get(hosts.get(1)).stopContainerCmd(name).withTimeout(1).exec();
    for (String address : List.of(ingressOf(hosts.get(0)), ingressOf(hosts.get(1)))) {
      await(
          address + " answering again",
          Duration.ofSeconds(40),
          () -> "v1".equals(Http.get(address, "/version")));
    }
    report.add(
        "balancer removed/stopped by hand -> answering again: "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
  }

  private static String ingressOf(String host) {
    return api.get("/api/v1/hosts/" + host).body().path("address").asText() + ":" + PORT;
  }

  @Test
  @Order(5)
  void anotherAppPublishingThePortIsRefusedNamingTheKeyAndTheApp() {
    String other = APP + "-b";
    String compose = compose("v1", "start-first").replace("client:", "other:");
    BatonApi.Response refused = api.deploy(other, compose);
    assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
    assertThat(refused.body().path("errors").get(0).path("path").asText())
        .isEqualTo("services.web.ports[0]");
    assertThat(refused.body().path("detail").asText()).contains("18090").contains(APP);
    assertThat(api.get("/api/v1/apps/" + other).status()).isEqualTo(404);
  }

  @Test
  @Order(6)
  void rollingStartFirstThenStopFirstUnderLoadLosesNoRequest() throws Exception {
    underLoad(
        "rolling v1->v2 start-first",
        () -> succeeded(api.deploy(APP, compose("v2", "start-first"))));
    for (String address : ingress()) {
      assertThat(versionsAt(address, 8)).as("versions at " + address).containsOnly("v2");
    }
    underLoad(
        "rolling v2->v1 stop-first", () -> succeeded(api.deploy(APP, compose("v1", "stop-first"))));
    assertThat(versionsAt(ingress().get(2), 8)).containsOnly("v1");
  }

  @Test
  @Order(7)
  void aRollbackUnderLoadLosesNoRequest() throws Exception {
    underLoad(
        "rollback to v2",
        () -> {
          BatonApi.Response r = api.postJson("/api/v1/apps/" + APP + "/rollback", "{}");
          assertThat(r.status()).as(r.raw()).isEqualTo(202);
          JsonNode done = api.awaitTerminal(r.body().path("id").asText(), Duration.ofMinutes(3));
          assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        });
    assertThat(versionsAt(ingress().get(1), 8)).containsOnly("v2");
  }

  @Test
  @Order(8)
  void scalingUpAndDownUnderLoadLosesNoRequest() throws Exception {
    underLoad(
        "scale 4->8->2->4",
        () -> {
          succeeded(scale(8));
          succeeded(scale(2));
          Set<String> answered = new HashSet<>();
          for (int i = 0; i < 20; i++) {
            answered.add(String.valueOf(Http.get(ingress().get(1), "/cgi-bin/whoami")));
          }
          assertThat(answered).as("instances answering after scaling to 2").hasSize(2);
          succeeded(scale(WEB));
        });
  }

  @Test
  @Order(9)
  void killingTwoReplicasUnderLoadLosesOnlyWhatTheyHeld() throws Exception {
    // A TCP balancer cannot replay a request a replica had already taken when it was killed, nor
    // one the engine's userland proxy accepted for it in the instant before it went: the CI run
    // of 2026-12-06 lost 2 of 1970 that way (0 on the dev stack). Requests sent to the dead
    // replicas after that are retried on others (refused connections, 'retries 3' with
    // 'option redispatch 1'), and the replicas leave rotation within 2 failed checks (2 s), so
    // more than a few lost means the balancers kept sending to them.
    underLoad(
        "docker kill of 2 web replicas",
        3,
        () -> {
          List<Engines.Placed> victims = web().subList(0, 2);
          for (Engines.Placed v : victims) {
            engines.clients().get(v.host()).killContainerCmd(v.container().getId()).exec();
          }
          await(
              "both killed replicas serving again",
              Duration.ofSeconds(90),
              () -> web().stream().filter(Engines.Placed::running).count() == WEB);
          // Load on while the restarted instances go back into the balancers.
          BatonApi.sleep(2_000);
        });
  }

  @Test
  @Order(10)
  void drainingTheBusiestHostUnderLoadLosesNoRequest() throws Exception {
    Map<String, Long> perHost =
        web().stream().collect(Collectors.groupingBy(Engines.Placed::host, Collectors.counting()));
    String busiest = Collections.max(perHost.entrySet(), Map.Entry.comparingByValue()).getKey();
    try {
      underLoad(
          "drain of " + busiest + " (" + perHost.get(busiest) + " web replicas)",
          () -> {
            assertThat(api.post("/api/v1/hosts/" + busiest + "/drain").status()).isEqualTo(202);
            await(
                "no web replica on " + busiest,
                Duration.ofSeconds(120),
                () -> {
                  List<Engines.Placed> now = web();
                  return now.stream().noneMatch(p -> p.host().equals(busiest))
                      && now.stream().filter(Engines.Placed::running).count() == WEB;
                });
            BatonApi.sleep(1_000);
          });
    } finally {
      assertThat(api.post("/api/v1/hosts/" + busiest + "/activate").status()).isEqualTo(200);
    }
  }

  @Test
  @Order(11)
  void killingBatonMidRolloutUnderLoadLosesNoRequest() throws Exception {
    underLoad(
        "kill -9 of Baton mid-rollout v2->v1",
        () -> {
          BatonApi.Response accepted = api.deploy(APP, compose("v1", "start-first"));
          assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
          String id = accepted.body().path("id").asText();
          api.awaitEvents(id, "instance.healthy", 1, Duration.ofSeconds(60));
          stack.killBaton();
          Cli.Result restart = stack.restartBaton();
          assertThat(restart.exit()).as(restart.output()).isZero();
          JsonNode done = api.awaitTerminal(id, Duration.ofMinutes(3));
          assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        });
    for (String address : ingress()) {
      assertThat(versionsAt(address, 8)).as("versions at " + address).containsOnly("v1");
    }
  }

  @Test
  @Order(12)
  void deletingTheAppRemovesItsBalancers() {
    JsonNode done = api.deleteApp(APP);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    engines
        .clients()
        .forEach(
            (host, docker) ->
                assertThat(
                        docker
                            .listContainersCmd()
                            .withShowAll(true)
                            .withLabelFilter(Map.of("baton.balancer", APP))
                            .exec())
                    .as("balancers of " + APP + " on " + host)
                    .isEmpty());
    assertThat(Http.get(ingress().get(0), "/version")).isNull();
  }
}

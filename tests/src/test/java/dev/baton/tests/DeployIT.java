package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The deploy capability end to end on the real stack: one app rolled v1 → v2 → a never-healthy
 * image → back, with Baton killed mid-rollout, and a paused rollout found from the Temporal CLI.
 * The steps build on each other, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployIT {
  /** A fresh app per run: the tests never depend on what an earlier run left behind. */
  private static final String APP = "shop-" + Long.toString(System.currentTimeMillis(), 36);

  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);
  private static final List<String> timings = new ArrayList<>();

  static String compose(String image, String failureAction) {
    return Apps.webService(image, "1s", 3)
        + """
            deploy:
              replicas: 4
              update_config:
                parallelism: 2
                order: start-first
                failure_action: %s
                monitor: 1s
        """
            .formatted(failureAction);
  }

  @BeforeAll
  static void clean() {
    engines.purge(APP);
  }

  @org.junit.jupiter.api.AfterAll
  static void report() {
    System.out.println("DeployIT timings: " + timings);
  }

  private static JsonNode deployAndWait(String compose, String expected) {
    long start = System.nanoTime();
    BatonApi.Response accepted = api.deploy(APP, compose);
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(accepted.body().path("id").asText(), Duration.ofMinutes(3));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo(expected);
    timings.add(
        "r"
            + accepted.body().path("revision").asInt()
            + " "
            + expected
            + " in "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
    return done;
  }

  /** The app's running instances: all healthy, serving {@code version}, one per slot. */
  private static void assertServing(String version, int replicas) {
    List<Engines.Placed> all = engines.containers(APP);
    assertThat(all).as("containers of " + APP).hasSize(replicas);
    Set<String> slots = new HashSet<>();
    Set<String> hosts = new HashSet<>();
    for (Engines.Placed p : all) {
      assertThat(p.running()).as(p.container().getNames()[0]).isTrue();
      assertThat(Http.get(p.address(), "/version"))
          .as("version at " + p.address())
          .isEqualTo(version);
      assertThat(slots.add(p.label("baton.slot")))
          .as("slot " + p.label("baton.slot") + " once")
          .isTrue();
      hosts.add(p.host());
    }
    assertThat(hosts).as("spread over every host").hasSize(engines.clients().size());
  }

  @Test
  @Order(1)
  void deploysV1WithFourReplicasAcrossEveryHost() {
    deployAndWait(compose(stack.image("web", "v1"), "rollback"), "SUCCEEDED");
    assertServing("v1", 4);
    JsonNode app = api.get("/api/v1/apps/" + APP).body();
    assertThat(app.path("currentRevision").asInt()).isPositive();
    assertThat(app.path("instances")).hasSize(4);
  }

  @Test
  @Order(2)
  void rollsToV2StartFirstWithoutEverDroppingBelowFourHealthy() throws Exception {
    try (CapacityProbe probe = new CapacityProbe(engines, APP, 180)) {
      deployAndWait(compose(stack.image("web", "v2"), "rollback"), "SUCCEEDED");
      probe.close();
      assertThat(probe.rounds()).as("probe rounds").isGreaterThan(10);
      assertThat(probe.minimum())
          .as("healthy capacity during the rollout")
          .isGreaterThanOrEqualTo(4);
    }
    assertServing("v2", 4);
  }

  @Test
  @Order(3)
  void aNeverHealthyImageIsRolledBackAndTheAppServesV2Again() {
    JsonNode done =
        deployAndWait(compose(stack.image("never-healthy", "v1"), "rollback"), "ROLLED_BACK");
    assertThat(done.path("error").asText()).contains("failed");
    assertServing("v2", 4);
  }

  @Test
  @Order(4)
  void survivesKillDashNineOfBatonMidRollout() throws Exception {
    BatonApi.Response accepted = api.deploy(APP, compose(stack.image("web", "v1"), "rollback"));
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    String id = accepted.body().path("id").asText();
    int revision = accepted.body().path("revision").asInt();
    api.awaitEvents(id, "instance.healthy", 2, Duration.ofSeconds(60));

    stack.killBaton();
    long killedAt = System.nanoTime();
    Cli.Result restart = stack.restartBaton();
    assertThat(restart.exit()).as(restart.output()).isZero();
    long upAt = System.nanoTime();

    int seen = eventCount(id);
    long resumedAt = waitForNewEvent(id, seen, Duration.ofSeconds(90));
    JsonNode done = api.awaitTerminal(id, Duration.ofMinutes(3));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    timings.add(
        "kill -9 → Baton up again "
            + (upAt - killedAt) / 1_000_000
            + " ms, → rollout's next step "
            + (resumedAt - upAt) / 1_000_000
            + " ms later");

    assertServing("v1", 4);
    List<Engines.Placed> all = engines.containers(APP);
    assertThat(all).allMatch(p -> p.label("baton.revision").equals(Integer.toString(revision)));
    Set<String> names =
        all.stream().map(p -> p.container().getNames()[0].substring(1)).collect(Collectors.toSet());
    assertThat(instanceRows()).as("instances table = containers on the hosts").isEqualTo(names);
  }

  @Test
  @Order(5)
  void aPausedRolloutIsFoundInTemporalWithItsHeartbeatReason() {
    String never = stack.image("never-healthy", "v1");
    String spec = compose(never, "pause").replace("retries: 3", "retries: 8");
    BatonApi.Response accepted = api.deploy(APP, spec);
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    String id = accepted.body().path("id").asText();
    String workflowId = accepted.body().path("workflowId").asText();

    String described = "";
    long until = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < until && !described.contains("checks failed")) {
      described = Cli.temporal(stack, "workflow", "describe", "--workflow-id", workflowId).output();
      BatonApi.sleep(500);
    }
    assertThat(described)
        .as("pending activity with its heartbeat")
        .contains("AwaitHealthy")
        .contains("health");

    waitForStatus(id, "PAUSED", Duration.ofSeconds(60));
    Cli.Result paused =
        Cli.temporal(
            stack,
            "workflow",
            "list",
            "--query",
            "BatonApp=\"" + APP + "\" AND BatonStatus=\"PAUSED\"");
    assertThat(paused.output()).contains(workflowId);

    BatonApi.Response abort = api.post("/api/v1/operations/" + id + "/abort");
    assertThat(abort.status()).as(abort.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(id, Duration.ofMinutes(2));
    assertThat(done.path("status").asText()).isEqualTo("ABORTED");
    assertServing("v1", 4);
  }

  @Test
  @Order(6)
  void aControllerStartedAfreshContinuesFromTheStoredState() {
    int latest = api.get("/api/v1/apps/" + APP).body().path("latestRevision").asInt();
    Cli.Result terminated =
        Cli.temporal(
            stack, "workflow", "terminate", "--workflow-id", "app:" + APP, "--reason", "test");
    assertThat(terminated.exit()).as(terminated.output()).isZero();

    BatonApi.Response accepted =
        api.deploy(APP, compose(stack.image("never-healthy", "v1"), "rollback"));
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    assertThat(accepted.body().path("revision").asInt()).isEqualTo(latest + 1);
    JsonNode done = api.awaitTerminal(accepted.body().path("id").asText(), Duration.ofMinutes(2));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("ROLLED_BACK");
    assertServing("v1", 4);
  }

  private static int eventCount(String id) {
    try {
      JsonNode events = api.get("/api/v1/operations/" + id + "/events").body();
      return events == null ? 0 : events.size();
    } catch (IllegalStateException down) {
      return 0;
    }
  }

  private static long waitForNewEvent(String id, int seen, Duration timeout) {
    long until = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < until) {
      if (eventCount(id) > seen) {
        return System.nanoTime();
      }
      BatonApi.sleep(100);
    }
    throw new AssertionError("rollout " + id + " did not resume");
  }

  private static void waitForStatus(String id, String status, Duration timeout) {
    long until = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < until) {
      if (status.equals(api.get("/api/v1/operations/" + id).body().path("status").asText())) {
        return;
      }
      BatonApi.sleep(250);
    }
    throw new AssertionError(id + " never reached " + status);
  }

  private static Set<String> instanceRows() throws Exception {
    Set<String> rows = new HashSet<>();
    try (var db = Database.connect(stack);
        var st = db.prepareStatement("SELECT container_name FROM instances WHERE app = ?")) {
      st.setString(1, APP);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
    }
    return rows;
  }
}

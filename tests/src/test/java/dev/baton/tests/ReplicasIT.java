package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Baton replicas against one Temporal and PostgreSQL (docs/operations.md). The test starts the
 * second replica itself and stops it after, so the other tests (the crash suite's "Baton down")
 * keep one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = Apps.fresh("replicas");
  private static final int WEB = 4;

  /** Generous for CI: a kill during a workflow task waits out its 10 s task timeout. */
  private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(15);

  private static final Stack stack = Stack.get();
  private static final BatonApi first = new BatonApi(stack);
  private static BatonApi second;
  private static String secondUrl;
  private static final List<String> report = new ArrayList<>();

  @BeforeAll
  static void startTheSecondReplica() {
    Cli.Result up = stackCommand(2, "up");
    assertThat(up.exit()).as(up.output()).isZero();
    int port = Integer.parseInt(stack.batonUrl().replaceAll(".*:(\\d+)/?$", "$1"));
    secondUrl = "http://127.0.0.1:" + (port + 1);
    second = first.at(secondUrl);
  }

  @AfterAll
  static void backToOneReplica() throws Exception {
    System.out.println("ReplicasIT: " + report);
    // Its containers' health checks would load the machine under the tests that follow.
    if (first.get("/api/v1/apps/" + APP).status() == 200) {
      JsonNode deleted = first.deleteApp(APP);
      assertThat(deleted.path("status").asText()).as(deleted.toString()).isEqualTo("SUCCEEDED");
    }
    Cli.Result up = stackCommand(2, "up");
    assertThat(up.exit()).as(up.output()).isZero();
    long secondPid = pid(2);
    Cli.Result stop = Cli.run(List.of("kill", "-TERM", Long.toString(secondPid)), 10);
    assertThat(stop.exit()).as(stop.output()).isZero();
    await("replica 2 gone", Duration.ofSeconds(40), () -> gone(secondPid));
    Files.deleteIfExists(pidFile(2));
    Cli.Result one = stackCommand(1, "up");
    assertThat(one.exit()).as(one.output()).isZero();
  }

  @Test
  @Order(1)
  void bothReplicasServeOneFleetAndTheDashboard() {
    BatonApi.Response hostsA = first.get("/api/v1/hosts");
    BatonApi.Response hostsB = second.get("/api/v1/hosts");
    assertThat(hostsB.status()).as(hostsB.raw()).isEqualTo(200);
    assertThat(names(hostsB.body())).isEqualTo(names(hostsA.body())).hasSize(3);
    assertThat(second.get("/").raw()).contains("<div id=\"root\"");

    succeeded(second, second.deploy(APP, compose("v1")));
    assertThat(first.get("/api/v1/apps/" + APP).body().path("currentRevision").asInt())
        .isEqualTo(1);
  }

  @Test
  @Order(2)
  void killingTheReplicaThatRunsARolloutMovesItToTheOther() throws Exception {
    CompletableFuture<Cli.Result> waiting = cliDeploy("v2");
    String workflowId = "deploy:" + APP + ":r2";

    JsonNode running = awaitStartedActivity(workflowId);
    long victim = Long.parseLong(running.path("lastWorkerIdentity").asText().split("@")[0]);
    int victimReplica = victim == pid(1) ? 1 : 2;
    int survivor = 3 - victimReplica;
    long survivorPid = pid(survivor);
    long lastEvent = lastEventId(workflowId);

    long killedAt = System.nanoTime();
    Instant killed = Instant.now();
    Cli.Result kill = Cli.run(List.of("kill", "-9", Long.toString(victim)), 10);
    assertThat(kill.exit()).as(kill.output()).isZero();
    long tookOver = awaitProgressBy(workflowId, survivorPid, lastEvent, killed) - killedAt;
    report.add(
        "takeover after kill -9 of replica %d (%s): %.2f s"
            .formatted(
                victimReplica, running.path("activityType").path("name").asText(), tookOver / 1e9));
    assertThat(Duration.ofNanos(tookOver)).isLessThan(TAKEOVER_BOUND);

    Cli.Result cli = waiting.get();
    assertThat(cli.exit()).as(cli.output()).isZero();
    assertThat(cli.output()).contains("SUCCEEDED");
    assertThat(pid(survivor)).as("nothing restarted").isEqualTo(survivorPid);

    // A JVM killed on a loaded machine has been seen to take minutes to leave the process table:
    // the stack would wait for it as a replica still starting.
    await("pid " + victim + " gone", Duration.ofMinutes(5), () -> gone(victim));
    Cli.Result restart = stackCommand(2, "up");
    assertThat(restart.exit()).as(restart.output()).isZero();
    assertAllServe("v2");
  }

  @Test
  @Order(3)
  void aRollingRestartOfEveryReplicaDuringARolloutLosesNothing() throws Exception {
    CompletableFuture<Cli.Result> waiting = cliDeploy("v1");
    long started = System.nanoTime();
    Cli.Result restart = stackCommand(2, "restart-baton");
    assertThat(restart.exit()).as(restart.output()).isZero();
    report.add(
        "rolling restart of 2 replicas: %.0f s".formatted((System.nanoTime() - started) / 1e9));

    Cli.Result cli = waiting.get();
    assertThat(cli.exit()).as(cli.output()).isZero();
    assertThat(cli.output()).contains("SUCCEEDED");
    assertAllServe("v1");
  }

  private static String compose(String version) {
    return Apps.webService(stack.image("web", version), "3s", 3)
        + """
            deploy:
              replicas: %d
              update_config: {parallelism: 1, order: start-first, monitor: 1s}
        """
            .formatted(WEB);
  }

  /** {@code baton deploy --image … --wait} given both replicas' URLs, running in the background. */
  private static CompletableFuture<Cli.Result> cliDeploy(String version) {
    return CompletableFuture.supplyAsync(
        () ->
            Cli.run(
                List.of(
                    stack.repo().resolve("bin/baton").toString(),
                    "deploy",
                    APP,
                    "--image",
                    "web=" + stack.image("web", version),
                    "--wait",
                    "--timeout",
                    "6m"),
                Map.of(
                    "BATON_URL",
                    stack.batonUrl() + "," + secondUrl,
                    "BATON_TOKEN",
                    stack.adminToken()),
                420));
  }

  /** The first of the workflow's activities a worker has started, as Temporal describes it. */
  private static JsonNode awaitStartedActivity(String workflowId) throws Exception {
    long until = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < until) {
      Cli.Result described =
          Cli.temporal(stack, "workflow", "describe", "--workflow-id", workflowId, "-o", "json");
      if (described.exit() == 0) {
        for (JsonNode a : JSON.readTree(described.output()).path("pendingActivities")) {
          if (a.path("state").asText().endsWith("STARTED")
              && a.path("lastWorkerIdentity").asText().contains("@")) {
            return a;
          }
        }
      }
      BatonApi.sleep(100);
    }
    throw new AssertionError("no started activity of " + workflowId + " in 120 s");
  }

  /**
   * When (System.nanoTime) the surviving replica's worker was first seen doing the rollout's work
   * after {@code killed}: an activity it started since (pending, as Temporal describes it), or an
   * event after {@code afterEvent} in the history that it made (a workflow task, or an activity
   * that ended between two looks).
   */
  private static long awaitProgressBy(String workflowId, long pid, long afterEvent, Instant killed)
      throws Exception {
    String identity = pid + "@";
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      Cli.Result described =
          Cli.temporal(stack, "workflow", "describe", "--workflow-id", workflowId, "-o", "json");
      if (described.exit() == 0) {
        for (JsonNode a : JSON.readTree(described.output()).path("pendingActivities")) {
          String started = a.path("lastStartedTime").asText("");
          if (a.path("lastWorkerIdentity").asText().startsWith(identity)
              && !started.isEmpty()
              && Instant.parse(started).isAfter(killed)) {
            return System.nanoTime();
          }
        }
      }
      for (JsonNode e : history(workflowId)) {
        if (e.path("eventId").asLong() > afterEvent && e.toString().contains(identity)) {
          return System.nanoTime();
        }
      }
    }
    throw new AssertionError("replica pid " + pid + " made no progress on " + workflowId);
  }

  private static long lastEventId(String workflowId) throws Exception {
    long last = 0;
    for (JsonNode e : history(workflowId)) {
      last = Math.max(last, e.path("eventId").asLong());
    }
    return last;
  }

  private static JsonNode history(String workflowId) throws Exception {
    Cli.Result shown =
        Cli.temporal(stack, "workflow", "show", "--workflow-id", workflowId, "-o", "json");
    assertThat(shown.exit()).as(shown.output()).isZero();
    return JSON.readTree(shown.output()).path("events");
  }

  /** Every slot runs {@code version} once, and both replicas say so. */
  private static void assertAllServe(String version) {
    int revision = first.get("/api/v1/apps/" + APP).body().path("currentRevision").asInt();
    for (BatonApi api : List.of(first, second)) {
      JsonNode app = api.get("/api/v1/apps/" + APP).body();
      assertThat(app.path("currentRevision").asInt()).isEqualTo(revision);
      List<Integer> revisions = new ArrayList<>();
      app.path("instances").forEach(i -> revisions.add(i.path("revision").asInt()));
      assertThat(revisions).as(app.toString()).hasSize(WEB).containsOnly(revision);
    }
    List<String> images =
        new Engines(stack)
            .containers(APP).stream()
                .filter(p -> p.running() && "web".equals(p.label("baton.service")))
                .map(p -> p.container().getImage())
                .toList();
    assertThat(images)
        .as("running containers of " + APP)
        .hasSize(WEB)
        .allMatch(i -> i.endsWith("/web:" + version));
  }

  private static void succeeded(BatonApi api, BatonApi.Response accepted) {
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(accepted.body().path("id").asText(), Duration.ofMinutes(3));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
  }

  private static List<String> names(JsonNode hosts) {
    List<String> names = new ArrayList<>();
    hosts.forEach(h -> names.add(h.path("name").asText()));
    return names.stream().sorted().toList();
  }

  /** {@code scripts/stack COMMAND} with {@code replicas} Baton replicas. */
  private static Cli.Result stackCommand(int replicas, String command) {
    return Cli.run(
        List.of("bash", stack.repo().resolve("scripts/stack").toString(), command),
        Map.of("BATON_REPLICAS", Integer.toString(replicas), "BATON_STACK_NO_DEMO", "1"),
        420);
  }

  private static Path pidFile(int replica) {
    String dir = stack.get("BATON_STACK_DIR");
    return Path.of(dir, replica == 1 ? "baton.pid" : "baton-" + replica + ".pid");
  }

  private static long pid(int replica) throws Exception {
    return Long.parseLong(Files.readString(pidFile(replica)).trim());
  }

  /** No such process, or a zombie: a process that has exited. */
  private static boolean gone(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return state.equals("Z") || state.equals("X");
    } catch (java.io.IOException noSuchProcess) {
      return true;
    }
  }

  private static void await(String what, Duration timeout, java.util.function.BooleanSupplier ok) {
    long until = System.currentTimeMillis() + timeout.toMillis();
    while (!ok.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(until);
      BatonApi.sleep(250);
    }
  }
}

package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scale, rollback, self-healing and the host fleet end to end on the real stack (two engines): one
 * app scaled 2 → 6 → 1 → 2, rolled back to r1 and forward again, its containers killed and removed
 * by hand, an orphan planted, host2 drained, then host2's engine stopped and started, at rest and
 * in the middle of a rollout. The steps build on each other, so they run in order. They measure the
 * repair times (printed as "[fleet] …" and written to target/fleet/times-*.tsv; figures in
 * docs/fleet.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {
  private static final String APP = "fleet-" + Long.toString(System.currentTimeMillis(), 36);
  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);

  static String compose(String tag, int replicas) {
    return Apps.webService(stack.image("web", tag), "5s", 5)
        + """
            deploy:
              replicas: %d
              update_config: {parallelism: 2, order: start-first, monitor: 1s}
              rollback_config: {parallelism: 2, order: start-first}
              restart_policy: {condition: any, delay: 1s}
        """
            .formatted(replicas);
  }

  /** What the steps measure, printed as measured and written to target/fleet when done. */
  private static final Map<String, String> figures = new LinkedHashMap<>();

  private static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void measured(String what, double seconds) {
    figure(what + " (s)", String.format("%.1f", seconds));
  }

  private static void figure(String what, String value) {
    figures.put(what, value);
    System.out.printf("[fleet] %s: %s%n", what, value);
  }

  @AfterAll
  static void report() throws Exception {
    if (figures.isEmpty()) {
      return;
    }
    StringBuilder out =
        new StringBuilder(
            "# FleetIT "
                + Instant.now()
                + " on stack "
                + stack.get("BATON_STACK_NAME")
                + " (reconcile period 10 s, host check every 5 s, 2 failed pings = UNREACHABLE,"
                + " Docker health check every 1 s)\n");
    figures.forEach((k, v) -> out.append(k).append('\t').append(v).append('\n'));
    Path dir = Files.createDirectories(Path.of("target", "fleet"));
    Files.writeString(dir.resolve("times-" + System.currentTimeMillis() + ".tsv"), out);
    System.out.print(out);
  }

  @BeforeAll
  static void clean() {
    engines.purge(APP);
    // Every host takes instances, whatever an earlier (failed) run left drained.
    for (String host : engines.clients().keySet()) {
      assertThat(api.post("/api/v1/hosts/" + host + "/activate").status()).isEqualTo(200);
    }
  }

  private static boolean onHost2(Engines.Placed p) {
    return p.host().equals("host2");
  }

  private static JsonNode accepted(BatonApi.Response r) {
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    return r.body();
  }

  private static JsonNode succeeded(BatonApi.Response r) {
    JsonNode done = api.awaitTerminal(accepted(r).path("id").asText(), Duration.ofMinutes(3));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    return done;
  }

  private static BatonApi.Response postJson(String path, String json) {
    return api.send(
        api.request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static BatonApi.Response scale(int n) {
    return postJson(
        "/api/v1/apps/" + APP + "/scale", "{\"replicas\":{\"web\":" + n + "},\"reason\":\"it\"}");
  }

  private static BatonApi.Response rollback(int to) {
    return rollback(to, "current");
  }

  /** {@code replicas}: "current" (the counts running now) or "revision" (the revision's). */
  private static BatonApi.Response rollback(int to, String replicas) {
    return postJson(
        "/api/v1/apps/" + APP + "/rollback",
        "{\"toRevision\":%d,\"reason\":\"it\",\"replicas\":\"%s\"}".formatted(to, replicas));
  }

  private static List<Engines.Placed> running() {
    return containers().stream().filter(Engines.Placed::running).toList();
  }

  /** The app's containers on every engine that answers (host2 is stopped in one step). */
  private static List<Engines.Placed> containers() {
    return engines.containersOnAnsweringHosts(APP);
  }

  /** Running instances that answer /health, and the /version each one serves. */
  private static List<String> versions() {
    List<String> out = new ArrayList<>();
    for (Engines.Placed p : running()) {
      if ("ok".equals(Http.get(p.address(), "/health"))) {
        out.add(String.valueOf(Http.get(p.address(), "/version")).trim());
      }
    }
    return out;
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      BatonApi.sleep(250);
    }
  }

  /**
   * True once a container with {@code old}'s name (restarted in place, or a new one) runs, was
   * started after {@code at}, and answers /health.
   */
  private static boolean healthySince(Engines.Placed old, Instant at) {
    String name = old.container().getNames()[0];
    for (Engines.Placed p : running()) {
      if (p.container().getNames()[0].equals(name)) {
        String started =
            engines
                .clients()
                .get(p.host())
                .inspectContainerCmd(p.container().getId())
                .exec()
                .getState()
                .getStartedAt();
        return started != null
            && Instant.parse(started).isAfter(at)
            && "ok".equals(Http.get(p.address(), "/health"));
      }
    }
    return false;
  }

  private static String hostStatus(String host) {
    return api.get("/api/v1/hosts/" + host).body().path("status").asText();
  }

  private static List<String> appEvents() throws Exception {
    try (Connection c = Database.connect(stack);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT type FROM events WHERE app = ? AND operation_id IS NULL ORDER BY seq")) {
      s.setString(1, APP);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  @Test
  @Order(1)
  void scalesTwoToSixToOneAndBackWithHealthGates() throws Exception {
    succeeded(api.deploy(APP, compose("v1", 2)));
    assertThat(running()).hasSize(2);

    try (CapacityProbe probe = new CapacityProbe(FleetIT::running, 120, 2)) {
      JsonNode up = succeeded(scale(6));
      assertThat(up.path("workflowId").asText()).isEqualTo("scale:" + APP + ":2");
      assertThat(versions()).hasSize(6);
      assertThat(running().stream().map(Engines.Placed::host).collect(Collectors.toSet()))
          .containsExactlyInAnyOrderElementsOf(engines.clients().keySet());
      // The two first instances were never restarted: they keep their revision-1 names.
      assertThat(running()).extracting(p -> p.label("baton.revision")).containsOnly("1");

      succeeded(scale(1));
      assertThat(running()).extracting(p -> p.label("baton.slot")).containsExactly("1");
      assertThat(probe.minimum()).as("never below what was asked").isGreaterThanOrEqualTo(1);

      succeeded(scale(2));
      assertThat(versions()).hasSize(2);
      assertThat(probe.minimum()).isGreaterThanOrEqualTo(1);
    }

    JsonNode revisions = api.get("/api/v1/apps/" + APP + "/revisions").body();
    assertThat(revisions).hasSize(4);
    assertThat(revisions.get(0).path("revision").asInt()).isEqualTo(4);
    assertThat(revisions.get(0).path("current").asBoolean()).isTrue();
    assertThat(revisions.get(0).path("outcome").asText()).isEqualTo("SUCCEEDED");
    assertThat(revisions.get(0).path("services").path("web").path("replicas").asInt()).isEqualTo(2);
    assertThat(revisions.get(1).path("services").path("web").path("replicas").asInt()).isEqualTo(1);
    assertThat(revisions.get(0).path("reason").asText()).isEqualTo("it");
  }

  @Test
  @Order(2)
  void badRequestsAreRejectedAndNothingRuns() {
    BatonApi.Response unknown =
        postJson("/api/v1/apps/" + APP + "/scale", "{\"replicas\":{\"db\":2}}");
    BatonApi.Response negative = scale(-1);
    BatonApi.Response noSuchRevision = rollback(99);
    BatonApi.Response noSuchApp =
        postJson("/api/v1/apps/nope-" + APP + "/scale", "{\"replicas\":{\"web\":2}}");

    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(422);
    assertThat(unknown.body().path("detail").asText()).contains("replicas.db: unknown service");
    assertThat(negative.status()).as(negative.raw()).isEqualTo(422);
    assertThat(negative.body().path("detail").asText()).contains("replicas.web: must be >= 0");
    assertThat(noSuchRevision.status()).as(noSuchRevision.raw()).isEqualTo(422);
    assertThat(noSuchRevision.body().path("detail").asText()).contains("unknown revision 99");
    assertThat(noSuchApp.status()).isEqualTo(404);
    assertThat(api.get("/api/v1/apps/" + APP + "/revisions").body()).hasSize(4);
  }

  @Test
  @Order(3)
  void rollsBackToAChosenRevisionAndForwardToTheLatest() {
    succeeded(api.deploy(APP, compose("v2", 3))); // r5
    assertThat(versions()).containsOnly("v2").hasSize(3);

    // r6 = r1's spec with the 3 replicas running now: a rollback keeps the capacity.
    JsonNode back = succeeded(rollback(1));
    assertThat(back.path("workflowId").asText()).isEqualTo("rollback:" + APP + ":r6");
    assertThat(versions()).containsOnly("v1").hasSize(3);

    succeeded(rollback(1, "revision")); // r7 = r1's spec as it was: 2 replicas
    assertThat(versions()).containsOnly("v1").hasSize(2);

    succeeded(rollback(5)); // r8 = r5's spec with the 2 replicas running now
    assertThat(versions()).containsOnly("v2").hasSize(2);

    succeeded(rollback(5, "revision")); // r9 = r5's spec as it was: 3 replicas
    assertThat(versions()).containsOnly("v2").hasSize(3);

    JsonNode revisions = api.get("/api/v1/apps/" + APP + "/revisions").body();
    assertThat(revisions.get(3).path("revision").asInt()).isEqualTo(6);
    assertThat(revisions.get(3).path("reason").asText()).isEqualTo("rollback to r1: it");
    assertThat(revisions.get(3).path("outcome").asText()).isEqualTo("SUCCEEDED");
    assertThat(revisions.get(3).path("services").path("web").path("replicas").asInt()).isEqualTo(3);
    assertThat(revisions.get(2).path("services").path("web").path("replicas").asInt()).isEqualTo(2);
    assertThat(revisions.get(0).path("current").asBoolean()).isTrue();
  }

  @Test
  @Order(4)
  void containersKilledOrRemovedByHandAreReplacedAndOrphansRemoved() throws Exception {
    List<Engines.Placed> before = running();
    assertThat(before).hasSize(3);
    Engines.Placed killed = before.get(0);
    Engines.Placed removed = before.get(1);
    var h1 = engines.clients().get("host1");

    // Docker's die/destroy events trigger a reconcile at once; the period (10 s) is the bound.
    long start = System.nanoTime();
    Instant at = Instant.now();
    engines.clients().get(killed.host()).killContainerCmd(killed.container().getId()).exec();
    await("killed instance healthy again", Duration.ofSeconds(30), () -> healthySince(killed, at));
    measured("docker kill -> replacement healthy", since(start));

    start = System.nanoTime();
    Instant removedAt = Instant.now();
    engines
        .clients()
        .get(removed.host())
        .removeContainerCmd(removed.container().getId())
        .withForce(true)
        .exec();
    await(
        "removed instance replaced and healthy",
        Duration.ofSeconds(30),
        () -> healthySince(removed, removedAt));
    measured("docker rm -f -> replacement healthy", since(start));

    String orphan = APP + "-web-r99-9";
    String id =
        h1.createContainerCmd(stack.image("web", "v1"))
            .withName(orphan)
            .withLabels(
                Map.of(
                    "baton.app", APP,
                    "baton.service", "web",
                    "baton.revision", "99",
                    "baton.slot", "9"))
            .exec()
            .getId();
    h1.startContainerCmd(id).exec();

    await(
        "3 healthy instances and no orphan",
        Duration.ofSeconds(30),
        () ->
            versions().size() == 3
                && containers().size() == 3
                && containers().stream()
                    .noneMatch(p -> p.container().getNames()[0].equals("/" + orphan)));
    Set<String> names =
        running().stream().map(p -> p.container().getNames()[0]).collect(Collectors.toSet());
    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            before.stream().map(p -> p.container().getNames()[0]).toList());
    assertThat(appEvents()).contains("reconcile.restart", "reconcile.replace", "reconcile.orphan");
  }

  @Test
  @Order(5)
  void drainingHost2MovesEveryInstanceToTheOtherHostsWithoutLosingCapacity() throws Exception {
    succeeded(scale(4));
    assertThat(running().stream().filter(FleetIT::onHost2).count()).isPositive();

    long onHost2 = containers().stream().filter(FleetIT::onHost2).count();
    try (CapacityProbe probe = new CapacityProbe(FleetIT::running, 120, 2)) {
      long start = System.nanoTime();
      BatonApi.Response drain = api.post("/api/v1/hosts/host2/drain");
      assertThat(drain.status()).as(drain.raw()).isEqualTo(202);
      assertThat(drain.body().path("status").asText()).isEqualTo("DRAINING");
      await(
          "no instance on host2",
          Duration.ofSeconds(90),
          () -> containers().stream().noneMatch(FleetIT::onHost2) && versions().size() == 4);
      measured("drain POST -> every instance moved", since(start));
      figure("drain: instances moved", Long.toString(onHost2));
      assertThat(probe.minimum()).as("healthy capacity during the drain").isGreaterThanOrEqualTo(4);
    }
    await(
        "host2 shows no instances",
        Duration.ofSeconds(20),
        () -> api.get("/api/v1/hosts/host2").body().path("usage").path("instances").asInt() == 0);
    String busy = running().get(0).host();
    JsonNode busyHost = api.get("/api/v1/hosts/" + busy).body();
    assertThat(busyHost.path("capacity").path("cpus").asInt()).isPositive();
    assertThat(busyHost.path("instances")).isNotEmpty();
    assertThat(api.send(api.request("/api/v1/hosts/" + busy).DELETE()).status()).isEqualTo(409);
    assertThat(appEvents()).contains("reconcile.move");

    JsonNode active = api.post("/api/v1/hosts/host2/activate").body();
    assertThat(active.path("status").asText()).isEqualTo("READY");
  }

  @Test
  @Order(6)
  void anUnreachableHostsInstancesAreReplacedAndItIsReadyWhenItReturns() throws Exception {
    assertThat(api.post("/api/v1/hosts/host2/activate").status()).isEqualTo(200);
    // Spread over every host again.
    succeeded(scale(6));
    assertThat(running().stream().filter(FleetIT::onHost2).count()).isPositive();

    long start = System.nanoTime();
    stopHost2Engine();
    try {
      await(
          "host2 unreachable",
          Duration.ofSeconds(60),
          () -> "UNREACHABLE".equals(hostStatus("host2")));
      measured("engine stopped at rest -> host UNREACHABLE", since(start));
      await(
          "6 healthy instances on the other hosts",
          Duration.ofSeconds(90),
          () -> running().stream().filter(p -> !onHost2(p)).count() == 6 && versions().size() == 6);
      measured("engine stopped at rest -> all replicas healthy on the other hosts", since(start));
    } finally {
      restartStack();
    }
    awaitHost2BackWithoutStaleCopies();
  }

  /**
   * host2's engine stops while a rollout runs. The rollout drops the lost host (its slots go to the
   * other hosts, its old instances are left for self-healing) and ends SUCCEEDED once every slot
   * has a healthy new instance: a lost engine is the fleet's problem, not the release's. What ran
   * on host2 is replaced by self-healing; when host2 returns its stale containers are removed.
   */
  @Test
  @Order(7)
  void anEngineStoppedMidRolloutLeavesTheNewRevisionOnTheOtherHosts() throws Exception {
    // host2 came back empty in step 6: a deploy puts new instances on it again, for it to lose.
    // (Not necessarily on every host: a start-first rollout's spread counts the old instances.)
    succeeded(api.deploy(APP, compose("v1", 6)));
    assertThat(running().stream().filter(FleetIT::onHost2).count()).isPositive();
    assertThat(versions()).containsOnly("v1").hasSize(6);

    BatonApi.Response rollout = api.deploy(APP, compose("v2", 6));
    String operation = accepted(rollout).path("id").asText();
    await("a first healthy v2 instance", Duration.ofSeconds(60), () -> versions().contains("v2"));
    long start = System.nanoTime();
    stopHost2Engine();
    try {
      await(
          "host2 unreachable",
          Duration.ofSeconds(60),
          () -> "UNREACHABLE".equals(hostStatus("host2")));
      measured("engine stopped mid-rollout -> host UNREACHABLE", since(start));
      JsonNode done = api.awaitTerminal(operation, Duration.ofMinutes(3));
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
      measured("engine stopped mid-rollout -> operation SUCCEEDED", since(start));
      await(
          "6 healthy v2 instances on the other hosts",
          Duration.ofSeconds(90),
          () ->
              running().stream().filter(p -> !onHost2(p)).count() == 6
                  && versions().size() == 6
                  && versions().stream().allMatch("v2"::equals));
      measured(
          "engine stopped mid-rollout -> all replicas healthy on the other hosts", since(start));
      assertThat(operationEvents(operation)).contains("instance.lost");
    } finally {
      restartStack();
    }
    awaitHost2BackWithoutStaleCopies();
    List<Engines.Placed> after = containers();
    assertThat(after).extracting(p -> p.container().getNames()[0]).doesNotHaveDuplicates();
    assertThat(after).extracting(p -> p.label("baton.slot")).doesNotHaveDuplicates();
    assertThat(versions()).containsOnly("v2");
  }

  private static void stopHost2Engine() throws Exception {
    Path pidFile = Path.of(stack.get("BATON_STACK_DIR"), "h2", "docker.pid");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    new ProcessBuilder("kill", Long.toString(pid)).inheritIO().start().waitFor();
  }

  private static List<String> operationEvents(String operation) throws Exception {
    try (Connection c = Database.connect(stack);
        PreparedStatement s =
            c.prepareStatement("SELECT type FROM events WHERE operation_id = ? ORDER BY seq")) {
      s.setString(1, operation);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  /**
   * host2 is READY again and its stale containers (exited copies, or copies of slots now on other
   * hosts) are removed: 6 containers, none kept twice.
   */
  private static void awaitHost2BackWithoutStaleCopies() {
    await("host2 ready again", Duration.ofSeconds(60), () -> "READY".equals(hostStatus("host2")));
    await(
        "no stale copies",
        Duration.ofSeconds(60),
        () -> containers().size() == 6 && versions().size() == 6);
  }

  /** {@code scripts/stack up} brings the stopped engine back (idempotent for the rest). */
  private static void restartStack() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("scripts/stack", "up").directory(stack.repo().toFile()).inheritIO();
    Map<String, String> env = pb.environment();
    env.put("BATON_STACK_NAME", stack.get("BATON_STACK_NAME"));
    env.putIfAbsent("BATON_STACK_SLOT", System.getenv().getOrDefault("BATON_STACK_SLOT", "2"));
    env.put("REGISTRY_PORT", stack.registry().substring(stack.registry().lastIndexOf(':') + 1));
    env.put("BATON_STACK_NO_DEMO", "1");
    assertThat(pb.start().waitFor()).as("scripts/stack up").isZero();
  }
}

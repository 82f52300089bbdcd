package dev.baton.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.tests.Apps;
import dev.baton.tests.BatonApi;
import dev.baton.tests.Engines;
import dev.baton.tests.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Crash safety as numbers: rollouts under faults of Baton, Temporal and PostgreSQL, and racing
 * clients, each trial followed by the invariants. Trial counts: {@code -Dbaton.chaos.trials} (kill
 * -9; default 12, which keeps scripts/test inside its 35 minutes since the balancer tests joined
 * it; 20 before) and {@code -Dbaton.chaos.restarts} (Temporal, PostgreSQL, Docker engine, Docker
 * API faults; default 3). Results go to tests/target/reliability/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashIT {
  private static final int KILL_TRIALS = Integer.getInteger("baton.chaos.trials", 12);
  private static final int RESTART_TRIALS = Integer.getInteger("baton.chaos.restarts", 3);
  private static final int REPLICAS = 4;

  /** The engine the Docker faults hit; host1 keeps answering. */
  private static final String FAULTY_HOST = "host2";

  private static final String APP = "crash-" + Long.toString(System.currentTimeMillis(), 36);
  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);
  private static final Invariants invariants = new Invariants(stack, api, engines);
  private static final Faults faults = new Faults(stack);
  private static final List<String> report = new ArrayList<>();
  private static int rollouts;

  static String compose(String image) {
    return Apps.webService(image, "5s", 3)
        + """
            deploy:
              replicas: %d
              update_config: {parallelism: 2, order: start-first, monitor: 1s}
        """
            .formatted(REPLICAS);
  }

  /** Each rollout goes to the other version, so every trial really moves containers. */
  private static String nextImage() {
    rollouts++;
    return stack.image("web", rollouts % 2 == 0 ? "v1" : "v2");
  }

  private static String deploy() {
    BatonApi.Response accepted = api.deploy(APP, compose(nextImage()));
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    return accepted.body().path("id").asText();
  }

  @BeforeAll
  static void firstDeploy() {
    JsonNode done = api.awaitTerminal(deploy(), Duration.ofMinutes(3));
    assertThat(done.path("status").asText()).isEqualTo("SUCCEEDED");
  }

  @AfterAll
  static void writeReport() throws Exception {
    Path out = Path.of("target", "reliability");
    Files.createDirectories(out);
    Files.write(out.resolve("crash-report.txt"), report);
    report.forEach(System.out::println);
  }

  @Test
  @Order(1)
  void killDashNineOfBatonAtRandomMoments() throws Exception {
    long seed = Long.getLong("baton.chaos.seed", System.currentTimeMillis());
    Random random = new Random(seed);
    List<Long> recoveries = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    for (int trial = 1; trial <= KILL_TRIALS; trial++) {
      String id = deploy();
      // A rollout here takes about 4 s: most kills land in its middle, some before or after.
      Thread.sleep(random.nextInt(4_000));
      int before = eventCount(id);
      faults.killBaton();
      faults.recover();
      long up = System.nanoTime();
      long recovery = untilNextEvent(id, before, up);
      if (recovery >= 0) {
        recoveries.add(recovery);
      }
      api.awaitTerminal(id, Duration.ofMinutes(3));
      violations.addAll(prefixed("kill-9 #" + trial, invariants.check(APP, REPLICAS)));
    }
    summarize("kill -9 of Baton (seed " + seed + ")", KILL_TRIALS, violations, recoveries);
    assertThat(violations).isEmpty();
  }

  @Test
  @Order(2)
  void temporalRestartedMidRollout() throws Exception {
    faultMidRollout("Temporal server restart", faults::stopTemporal);
  }

  @Test
  @Order(3)
  void postgresRestartedMidRollout() throws Exception {
    faultMidRollout("PostgreSQL restart", faults::stopPostgres);
  }

  @Test
  @Order(4)
  void twoClientsDeployingAtTheSameMoment() throws Exception {
    List<String> violations = new ArrayList<>();
    for (int round = 1; round <= RESTART_TRIALS; round++) {
      CyclicBarrier together = new CyclicBarrier(2);
      List<CompletableFuture<BatonApi.Response>> racers = new ArrayList<>();
      for (int client = 0; client < 2; client++) {
        String image = nextImage();
        racers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(together);
                  return api.deploy(APP, compose(image));
                }));
      }
      List<Integer> revisions = new ArrayList<>();
      for (CompletableFuture<BatonApi.Response> racer : racers) {
        BatonApi.Response r = racer.get();
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        revisions.add(r.body().path("revision").asInt());
        api.awaitTerminal(r.body().path("id").asText(), Duration.ofMinutes(3));
      }
      assertThat(revisions).doesNotHaveDuplicates();
      violations.addAll(prefixed("race #" + round, invariants.check(APP, REPLICAS)));
    }
    summarize("two clients deploy at once", RESTART_TRIALS, violations, List.of());
    assertThat(violations).isEmpty();
  }

  /**
   * {@code kill -9} of host2's dockerd after the rollout's first healthy instance. Odd trials bring
   * it back at once (down only for the engine's restart), even ones after Baton marked the host
   * UNREACHABLE. Recovery: from the engine answering again to the rollout's next step.
   */
  @Test
  @Order(5)
  void dockerEngineKilledMidRollout() throws Exception {
    EngineTrials trials = new EngineTrials();
    for (int trial = 1; trial <= RESTART_TRIALS; trial++) {
      requireInstancesOn(FAULTY_HOST);
      String id = deploy();
      waitForEvent(id, "instance.healthy");
      trials.kill(trial);
      int before = eventCount(id);
      long up = System.nanoTime();
      long recovery = untilNextEvent(id, before, up);
      if (recovery >= 0) {
        trials.recoveries.add(recovery);
      }
      trials.outcome(api.awaitTerminal(id, Duration.ofMinutes(5)).path("status").asText());
      trials.converge("engine kill mid-rollout #" + trial, up);
    }
    trials.summarize("Docker engine (host2) `kill -9` mid-rollout", false);
  }

  /**
   * {@code kill -9} of host2's dockerd with the app converged. Recovery: from the engine answering
   * again to every invariant holding (its killed containers replaced, stale copies removed).
   */
  @Test
  @Order(6)
  void dockerEngineKilledAtRest() throws Exception {
    EngineTrials trials = new EngineTrials();
    for (int trial = 1; trial <= RESTART_TRIALS; trial++) {
      requireInstancesOn(FAULTY_HOST);
      trials.kill(trial);
      long up = System.nanoTime();
      trials.recoveries.add(trials.converge("engine kill at rest #" + trial, up));
    }
    trials.summarize("Docker engine (host2) `kill -9` at rest", true);
  }

  /**
   * Rollouts with host2 behind {@link FaultyDockerProxy}: 20 % of its Docker calls answered 500, 10
   * % forwarded and then hung up on, 10 % delayed 2 s. Every rollout must succeed and every
   * invariant hold afterwards.
   */
  @Test
  @Order(7)
  void dockerApiFaultsThroughAProxy() throws Exception {
    long seed = Long.getLong("baton.chaos.seed", System.currentTimeMillis());
    String engine = endpointOf(FAULTY_HOST);
    Path socket = Path.of(stack.get("BATON_STACK_DIR"), "h2", "faulty.sock");
    List<String> violations = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    List<Long> durations = new ArrayList<>();
    var rates = new FaultyDockerProxy.Rates(0.20, 0.10, 0.10, Duration.ofSeconds(2));
    try (FaultyDockerProxy proxy =
        FaultyDockerProxy.start(
            socket, Path.of(engine.substring("unix://".length())), rates, seed)) {
      try {
        repoint(FAULTY_HOST, proxy.endpoint());
        for (int trial = 1; trial <= RESTART_TRIALS; trial++) {
          requireInstancesOn(FAULTY_HOST);
          long start = System.nanoTime();
          JsonNode done = api.awaitTerminal(deploy(), Duration.ofMinutes(5));
          String status = done.path("status").asText();
          durations.add((System.nanoTime() - start) / 1_000_000);
          outcomes.add(status);
          if (!"SUCCEEDED".equals(status)) {
            violations.add(
                "API faults #"
                    + trial
                    + ": rollout ended "
                    + status
                    + ": "
                    + done.path("error").asText());
          }
          // The faults go on while the invariants are awaited: self-healing runs under them too.
          violations.addAll(
              prefixed("API faults #" + trial, awaitInvariants(Duration.ofMinutes(2)).violations));
        }
      } finally {
        proxy.disable();
        repoint(FAULTY_HOST, engine);
      }
      List<Long> sorted = durations.stream().sorted().toList();
      report.add(
          "| Docker API faults on host2 via proxy (seed %d): %d calls, %d x 500, %d resets after the work, %d x 2 s delay | %d rollouts (%s) | %d | rollout p50 %d ms | rollout p99 %d ms |"
              .formatted(
                  seed,
                  proxy.requests(),
                  proxy.injected(FaultyDockerProxy.Fault.ERROR_500),
                  proxy.injected(FaultyDockerProxy.Fault.RESET),
                  proxy.injected(FaultyDockerProxy.Fault.SLOW),
                  RESTART_TRIALS,
                  counted(outcomes),
                  violations.size(),
                  percentile(sorted, 50),
                  percentile(sorted, 99)));
      violations.forEach(v -> report.add("  violation: " + v));
      assertThat(proxy.injected(FaultyDockerProxy.Fault.ERROR_500)).isPositive();
      assertThat(proxy.injected(FaultyDockerProxy.Fault.RESET)).isPositive();
    }
    assertThat(violations).isEmpty();
  }

  /** Engine-kill trials: the fault, the wait for convergence and the summary line. */
  private final class EngineTrials {
    final List<Long> recoveries = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    final List<Long> downFor = new ArrayList<>();
    final List<String> outcomes = new ArrayList<>();
    int unreachable;

    /** Kills the engine; odd trials recover at once, even ones once Baton saw it UNREACHABLE. */
    void kill(int trial) throws Exception {
      long down = System.nanoTime();
      faults.killEngine(FAULTY_HOST);
      if (trial % 2 == 0) {
        awaitTrue("host2 UNREACHABLE", Duration.ofSeconds(60), () -> hostIs("UNREACHABLE"));
      }
      faults.recover();
      downFor.add((System.nanoTime() - down) / 1_000_000);
      // Baton saw the host down if the status says so now (it turns READY at the next ping).
      if (hostIs("UNREACHABLE") || trial % 2 == 0) {
        unreachable++;
      }
    }

    void outcome(String status) {
      outcomes.add(status);
    }

    /**
     * Waits for the invariants; returns the milliseconds since {@code since} until they held. Up to
     * 6 min: every engine kill also kills host2's instances, and repairs less than a minute apart
     * count as a crash loop whose backoff doubles up to 5 min (CrashLoop in workflows/heal).
     */
    long converge(String trial, long since) throws Exception {
      Converged c = awaitInvariants(Duration.ofMinutes(6));
      violations.addAll(prefixed(trial, c.violations));
      return (c.at - since) / 1_000_000;
    }

    void summarize(String fault, boolean atRest) {
      List<Long> sortedDown = downFor.stream().sorted().toList();
      CrashIT.summarize(
          fault
              + " (engine down "
              + sortedDown.get(0)
              + "-"
              + sortedDown.get(sortedDown.size() - 1)
              + " ms; "
              + unreachable
              + " past UNREACHABLE)",
          RESTART_TRIALS
              + (atRest
                  ? " (at rest)"
                  : " (" + recoveries.size() + " mid-rollout; rollouts " + counted(outcomes) + ")"),
          violations,
          recoveries);
      assertThat(violations).isEmpty();
    }
  }

  private record Converged(long at, List<String> violations) {}

  /** Polls the invariants until they all hold (self-healing may still be at work) or time is up. */
  private static Converged awaitInvariants(Duration timeout) throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> v = invariants.check(APP, REPLICAS);
      if (v.isEmpty() || System.nanoTime() > until) {
        return new Converged(System.nanoTime(), v);
      }
      Thread.sleep(250);
    }
  }

  /**
   * The trials mean something only if the app really runs on the faulty host. Baton does not move
   * instances back to a host that returns, so after one went UNREACHABLE a rollout (which spreads
   * new instances over the hosts) puts some there again.
   */
  private static void requireInstancesOn(String host) throws Exception {
    for (int tries = 0; !runsOn(host); tries++) {
      assertThat(tries)
          .as("rollouts that still put no instance of " + APP + " on " + host)
          .isLessThan(2);
      assertThat(api.awaitTerminal(deploy(), Duration.ofMinutes(3)).path("status").asText())
          .isEqualTo("SUCCEEDED");
    }
  }

  private static boolean runsOn(String host) {
    return engines.containers(APP).stream().anyMatch(p -> p.host().equals(host) && p.running());
  }

  private static boolean hostIs(String status) {
    return status.equals(api.get("/api/v1/hosts/" + FAULTY_HOST).body().path("status").asText());
  }

  private static String endpointOf(String host) {
    return api.get("/api/v1/hosts/" + host).body().path("endpoint").asText();
  }

  /** Re-registers a host under its name with another endpoint (POST /hosts updates it). */
  private static void repoint(String host, String endpoint) throws Exception {
    BatonApi.Response r =
        api.postJson(
            "/api/v1/hosts", "{\"name\":\"%s\",\"endpoint\":\"%s\"}".formatted(host, endpoint));
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    awaitTrue(
        host + " on " + endpoint, Duration.ofSeconds(30), () -> endpoint.equals(endpointOf(host)));
  }

  private static void awaitTrue(String what, Duration timeout, Supplier<Boolean> condition)
      throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  private void faultMidRollout(String name, Runnable fault) throws Exception {
    List<Long> recoveries = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    for (int trial = 1; trial <= RESTART_TRIALS; trial++) {
      String id = deploy();
      waitForEvent(id, "instance.healthy");
      int before = eventCount(id);
      fault.run();
      faults.recover();
      long up = System.nanoTime();
      long recovery = untilNextEvent(id, before, up);
      if (recovery >= 0) {
        recoveries.add(recovery);
      }
      api.awaitTerminal(id, Duration.ofMinutes(5));
      violations.addAll(prefixed(name + " #" + trial, invariants.check(APP, REPLICAS)));
    }
    summarize(name + " mid-rollout", RESTART_TRIALS, violations, recoveries);
    assertThat(violations).isEmpty();
  }

  /**
   * Milliseconds from the fault's end until the rollout took its next step; -1 when the rollout had
   * already ended before the fault (nothing left to recover).
   */
  private static long untilNextEvent(String id, int before, long since) throws Exception {
    long until = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < until) {
      if (eventCount(id) > before) {
        return (System.nanoTime() - since) / 1_000_000;
      }
      if (ended(id)) {
        return -1;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("rollout " + id + " made no progress in 180 s after recovery");
  }

  private static boolean ended(String id) {
    JsonNode op = api.get("/api/v1/operations/" + id).body();
    return op != null
        && List.of("SUCCEEDED", "FAILED", "ROLLED_BACK", "ABORTED")
            .contains(op.path("status").asText());
  }

  private static int eventCount(String id) {
    try {
      JsonNode events = api.get("/api/v1/operations/" + id + "/events").body();
      return events == null || !events.isArray() ? 0 : events.size();
    } catch (IllegalStateException down) {
      return 0;
    }
  }

  private static void waitForEvent(String id, String type) throws Exception {
    long until = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < until) {
      JsonNode events = api.get("/api/v1/operations/" + id + "/events").body();
      for (JsonNode e : events) {
        if (type.equals(e.path("type").asText())) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + type + " event for " + id);
  }

  private static void summarize(
      String fault, int trials, List<String> violations, List<Long> recoveries) {
    summarize(fault, trials + " (" + recoveries.size() + " mid-rollout)", violations, recoveries);
  }

  private static void summarize(
      String fault, String trials, List<String> violations, List<Long> recoveries) {
    List<Long> sorted = recoveries.stream().sorted().toList();
    String line =
        "| "
            + fault
            + " | "
            + trials
            + " | "
            + violations.size()
            + " | "
            + (sorted.isEmpty() ? "-" : percentile(sorted, 50) + " ms")
            + " | "
            + (sorted.isEmpty() ? "-" : percentile(sorted, 99) + " ms")
            + " |";
    report.add(line);
    violations.forEach(v -> report.add("  violation: " + v));
  }

  /** "3 SUCCEEDED, 1 ROLLED_BACK". */
  private static String counted(List<String> outcomes) {
    return outcomes.stream()
        .collect(Collectors.groupingBy(o -> o, TreeMap::new, Collectors.counting()))
        .entrySet()
        .stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static List<String> prefixed(String trial, List<String> violations) {
    return violations.stream().map(v -> trial + ": " + v).toList();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

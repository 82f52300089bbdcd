package dev.baton.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.tests.BatonApi;
import dev.baton.tests.Engines;
import dev.baton.tests.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Crash safety as numbers: rollouts under faults of Baton, Temporal and PostgreSQL, and racing
 * clients, each trial followed by the invariants. Trial counts: {@code -Dbaton.chaos.trials} (kill
 * -9; default 20) and {@code -Dbaton.chaos.restarts} (Temporal and PostgreSQL; default 3). Results
 * go to tests/target/reliability/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashIT {
  private static final int KILL_TRIALS = Integer.getInteger("baton.chaos.trials", 20);
  private static final int RESTART_TRIALS = Integer.getInteger("baton.chaos.restarts", 3);
  private static final int REPLICAS = 4;
  private static final String APP = "crash-" + Long.toString(System.currentTimeMillis(), 36);
  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);
  private static final Invariants invariants = new Invariants(stack, api, engines);
  private static final Faults faults = new Faults(stack);
  private static final List<String> report = new ArrayList<>();
  private static int rollouts;

  static String compose(String image) {
    return """
        services:
          web:
            image: %s
            init: true
            ports: ["8080"]
            healthcheck:
              test: ["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]
              interval: 1s
              timeout: 1s
              retries: 3
            deploy:
              replicas: %d
              update_config: {parallelism: 2, order: start-first, monitor: 1s}
        """
        .formatted(image, REPLICAS);
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
    List<Long> sorted = recoveries.stream().sorted().toList();
    String line =
        "| "
            + fault
            + " | "
            + trials
            + " ("
            + recoveries.size()
            + " mid-rollout)"
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

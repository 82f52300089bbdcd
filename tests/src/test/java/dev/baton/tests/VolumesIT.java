package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import dev.baton.tests.chaos.Faults;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A stateful service on the real stack: Redis (append-only, fsync always) on a named volume keeps
 * its 200 keys through a rollout asked start-first (run stop-first: never two writers), kill -9 of
 * Baton in the middle of that rollout, kill -9 of the volume's engine, and a delete and redeploy;
 * drain of its host is refused; {@code ?volumes=delete} removes it. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VolumesIT {
  private static final String APP = "vols-" + Long.toString(System.currentTimeMillis(), 36);
  private static final String VOLUME = "baton-" + APP + "_data";
  private static final int KEYS = 200;

  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);
  private static String volumeHost;

  private static String compose(String version) {
    return """
        services:
          kv:
            image: %s
            command: ["redis-server", "--protected-mode", "no", "--appendonly", "yes",
                      "--appendfsync", "always", "--dir", "/data"]
            init: true
            environment:
              VERSION: %s
            volumes: ["data:/data"]
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
              interval: 1s
              timeout: 2s
              retries: 5
            deploy:
              update_config:
                order: start-first
        volumes:
          data:
            labels: {team: storage}
        """
        .formatted(stack.image("parts", "v1"), version);
  }

  private static JsonNode succeeded(BatonApi.Response accepted) {
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(accepted.body().path("id").asText(), Duration.ofMinutes(3));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    return done;
  }

  private static Engines.Placed kv() {
    List<Engines.Placed> running =
        engines.containersOnAnsweringHosts(APP).stream().filter(Engines.Placed::running).toList();
    assertThat(running).as("running kv instances").hasSize(1);
    return running.get(0);
  }

  private static String redis(String... args) throws InterruptedException {
    Engines.Placed kv = kv();
    String[] cmd = new String[args.length + 1];
    cmd[0] = "redis-cli";
    System.arraycopy(args, 0, cmd, 1, args.length);
    return Engines.exec(engines.clients().get(kv.host()), kv.container().getId(), cmd).trim();
  }

  private static void assertKeysKept() throws InterruptedException {
    assertThat(redis("dbsize")).isEqualTo(Integer.toString(KEYS));
    assertThat(redis("get", "k" + KEYS)).isEqualTo("v" + KEYS);
    assertThat(kv().host()).as("the instance stays with its volume").isEqualTo(volumeHost);
  }

  private static List<String> hostsWithVolume() {
    return engines.clients().entrySet().stream()
        .filter(
            e ->
                e.getValue().listVolumesCmd().exec().getVolumes().stream()
                    .anyMatch(v -> v.getName().equals(VOLUME)))
        .map(Map.Entry::getKey)
        .toList();
  }

  @Test
  @Order(1)
  void theVolumeIsMadeOnTheFirstInstancesHostAndHoldsWhatItWrites() throws Exception {
    BatonApi.Response accepted = api.deploy(APP, compose("1"));
    assertThat(accepted.body().path("warnings").toString()).contains("stop-first");
    succeeded(accepted);

    volumeHost = kv().host();
    assertThat(hostsWithVolume()).containsExactly(volumeHost);
    InspectVolumeResponse made = engines.clients().get(volumeHost).inspectVolumeCmd(VOLUME).exec();
    assertThat(made.getLabels())
        .containsEntry("baton.app", APP)
        .containsEntry("baton.volume", "data")
        .containsEntry("team", "storage");

    Engines.Placed kv = kv();
    Engines.exec(
        engines.clients().get(kv.host()),
        kv.container().getId(),
        "sh",
        "-c",
        "seq 1 " + KEYS + " | sed 's/.*/SET k& v&/' | redis-cli > /dev/null");
    assertThat(redis("dbsize")).isEqualTo(Integer.toString(KEYS));

    JsonNode volumes = api.get("/api/v1/apps/" + APP + "/volumes").body();
    assertThat(volumes).hasSize(1);
    assertThat(volumes.get(0).path("volume").asText()).isEqualTo("data");
    assertThat(volumes.get(0).path("name").asText()).isEqualTo(VOLUME);
    assertThat(volumes.get(0).path("host").asText()).isEqualTo(volumeHost);
    assertThat(volumes.get(0).path("sizeBytes").asLong()).isPositive();
  }

  @Test
  @Order(2)
  void aRolloutAskedStartFirstRunsStopFirstAndSurvivesKillOfBaton() throws Exception {
    AtomicInteger mostRunning = new AtomicInteger();
    AtomicBoolean watching = new AtomicBoolean(true);
    // The service's downtime: from the first poll that saw no kv running to the next that did.
    long[] down = {0, 0};
    Thread watch =
        new Thread(
            () -> {
              for (int i = 0; i < 3000 && watching.get(); i++) {
                long running =
                    engines.containersOnAnsweringHosts(APP).stream()
                        .filter(Engines.Placed::running)
                        .count();
                mostRunning.accumulateAndGet((int) running, Math::max);
                long now = System.nanoTime();
                if (running == 0 && down[0] == 0) {
                  down[0] = now;
                } else if (running > 0 && down[0] != 0 && down[1] == 0) {
                  down[1] = now;
                }
                sleep(50);
              }
            });
    watch.start();
    try {
      BatonApi.Response accepted = api.deploy(APP, compose("2"));
      assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
      String id = accepted.body().path("id").asText();
      api.awaitEvents(id, "instance.removed", 1, Duration.ofMinutes(2));
      Faults faults = new Faults(stack);
      faults.killBaton();
      faults.recover();
      JsonNode done = api.awaitTerminal(id, Duration.ofMinutes(3));
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    } finally {
      watching.set(false);
      watch.join();
    }
    assertThat(mostRunning.get()).as("kv instances running at once").isEqualTo(1);
    System.out.printf(
        "VolumesIT: stop-first rollout of kv (Baton killed mid-way): no kv running for %d ms%n",
        (down[1] - down[0]) / 1_000_000);
    assertKeysKept();
    assertThat(hostsWithVolume()).containsExactly(volumeHost);
  }

  @Test
  @Order(3)
  void theDataSurvivesKillOfItsEngineAndTheInstanceComesBackOnItsHost() throws Exception {
    Faults faults = new Faults(stack);
    faults.killEngine(volumeHost);
    faults.recover();
    // Self-healing restarts it where its volume is once the engine answers again.
    for (int i = 0; i < 240; i++) {
      if (engines.containersOnAnsweringHosts(APP).stream()
          .anyMatch(c -> c.running() && "healthy".equals(health(c)))) {
        break;
      }
      sleep(500);
    }
    assertKeysKept();
  }

  @Test
  @Order(4)
  void drainOfTheVolumesHostIsRefusedNamingTheVolume() {
    BatonApi.Response refused = api.post("/api/v1/hosts/" + volumeHost + "/drain");
    assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
    assertThat(refused.raw()).contains(APP + "/data");
    JsonNode host = api.get("/api/v1/hosts/" + volumeHost).body();
    assertThat(host.path("status").asText()).isEqualTo("READY");
  }

  @Test
  @Order(5)
  void aDeleteKeepsTheVolumeUnlessAskedAndARedeployFindsTheData() throws Exception {
    JsonNode deleted = api.deleteApp(APP);
    assertThat(deleted.path("status").asText()).as(deleted.toString()).isEqualTo("SUCCEEDED");
    assertThat(hostsWithVolume()).containsExactly(volumeHost);

    succeeded(api.deploy(APP, compose("3")));
    assertKeysKept();

    BatonApi.Response gone =
        api.send(api.request("/api/v1/apps/" + APP + "?volumes=delete").DELETE());
    assertThat(gone.status()).as(gone.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(gone.body().path("id").asText(), Duration.ofMinutes(2));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(hostsWithVolume()).isEmpty();

    BatonApi.Response bad =
        api.send(
            api.request("/api/v1/apps/" + APP + "?volumes=maybe")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));
    assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
    assertThat(bad.raw()).contains("volumes");
  }

  private static String health(Engines.Placed c) {
    return engines
        .clients()
        .get(c.host())
        .inspectContainerCmd(c.container().getId())
        .exec()
        .getState()
        .getHealth()
        .getStatus();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.tests.chaos.Faults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A drain with {@code ?move-volumes=true} on the real stack: Redis (append-only) with 200 keys and
 * a ballast file of {@code moveVolumes.mb} MB (default 64) on its named volume moves to another
 * host: the instance runs there with every key and the ballast's checksum, the volume exists only
 * there and its pin names that host; then again with Baton killed (-9) mid-copy. The drained host
 * is activated again after each step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoveVolumesIT {
  private static final String APP = "movevol-" + Long.toString(System.currentTimeMillis(), 36);
  private static final String VOLUME = "baton-" + APP + "_data";
  private static final int KEYS = 200;
  private static final int MB = Integer.getInteger("moveVolumes.mb", 64);

  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);
  private static String drained;
  private static String sum;

  private static String compose() {
    return """
        services:
          kv:
            image: %s
            command: ["redis-server", "--protected-mode", "no", "--appendonly", "yes",
                      "--appendfsync", "always", "--dir", "/data"]
            init: true
            volumes: ["data:/data"]
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
              interval: 1s
              timeout: 2s
              retries: 5
        volumes:
          data:
            labels: {team: storage}
        """
        .formatted(stack.image("parts", "v1"));
  }

  private static Engines.Placed kv() {
    List<Engines.Placed> running =
        engines.containersOnAnsweringHosts(APP).stream().filter(Engines.Placed::running).toList();
    assertThat(running).as("running kv instances").hasSize(1);
    return running.get(0);
  }

  private static String sh(String script) throws InterruptedException {
    Engines.Placed kv = kv();
    return Engines.exec(
            engines.clients().get(kv.host()), kv.container().getId(), "sh", "-c", script)
        .trim();
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

  @AfterAll
  static void cleanUp() {
    if (drained != null) {
      api.post("/api/v1/hosts/" + drained + "/activate");
    }
    api.deleteApp(APP, true);
  }

  @Test
  @Order(1)
  void aDrainWithMoveVolumesTakesTheDataAlongToAnotherHost() throws Exception {
    BatonApi.Response accepted = api.deploy(APP, compose());
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    JsonNode deployed =
        api.awaitTerminal(accepted.body().path("id").asText(), Duration.ofMinutes(3));
    assertThat(deployed.path("status").asText()).as(deployed.toString()).isEqualTo("SUCCEEDED");
    String source = kv().host();
    sh("seq 1 " + KEYS + " | sed 's/.*/SET k& v&/' | redis-cli > /dev/null");
    sh("head -c " + MB + "M /dev/urandom > /data/ballast");
    sum = sh("md5sum /data/ballast | cut -d' ' -f1");
    assertThat(sh("redis-cli dbsize")).isEqualTo(Integer.toString(KEYS));

    long started = System.nanoTime();
    JsonNode op = drainMoving(source);
    JsonNode done = api.awaitTerminal(op.path("id").asText(), Duration.ofMinutes(10));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    System.out.printf(
        "MoveVolumesIT: drain with move-volumes of a %d MB volume: %d ms (%.1f MB/s)%n",
        MB, millis, MB * 1000.0 / millis);

    String target = movedAway(source);
    assertThat(engines.clients().get(target).inspectVolumeCmd(VOLUME).exec().getLabels())
        .containsEntry("baton.app", APP)
        .containsEntry("baton.volume", "data")
        .containsEntry("team", "storage");
    JsonNode volumes = api.get("/api/v1/apps/" + APP + "/volumes").body();
    assertThat(volumes.get(0).path("host").asText()).isEqualTo(target);

    JsonNode events = api.get("/api/v1/operations/" + op.path("id").asText() + "/events").body();
    assertThat(events.toString())
        .contains("volume data: copying from " + source + " to " + target)
        .contains("volume data: removed from " + source);
    assertThat(api.post("/api/v1/hosts/" + source + "/activate").status()).isEqualTo(200);
    drained = null;
  }

  @Test
  @Order(2)
  void killOfBatonMidCopyEndsWithTheDataOnExactlyOneHost() throws Exception {
    String source = kv().host();
    JsonNode op = drainMoving(source);
    String id = op.path("id").asText();
    for (int i = 0;
        i < 600 && !api.get("/api/v1/operations/" + id + "/events").raw().contains("copying from");
        i++) {
      Thread.sleep(100);
    }
    Thread.sleep(500); // in the stream
    Faults faults = new Faults(stack);
    faults.killBaton();
    faults.recover();
    JsonNode done = api.awaitTerminal(id, Duration.ofMinutes(10));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    String target = movedAway(source);
    JsonNode volumes = api.get("/api/v1/apps/" + APP + "/volumes").body();
    assertThat(volumes.get(0).path("host").asText()).isEqualTo(target);
    assertThat(api.post("/api/v1/hosts/" + source + "/activate").status()).isEqualTo(200);
    drained = null;
  }

  /** Drains {@code host} with move-volumes: the app's MOVE_VOLUMES operation. */
  private static JsonNode drainMoving(String host) {
    BatonApi.Response drain = api.post("/api/v1/hosts/" + host + "/drain?move-volumes=true");
    assertThat(drain.status()).as(drain.raw()).isEqualTo(202);
    drained = host;
    JsonNode op = api.get("/api/v1/operations?app=" + APP + "&limit=1").body().get(0);
    assertThat(op.path("kind").asText()).as(op.toString()).isEqualTo("MOVE_VOLUMES");
    return op;
  }

  /** The instance runs elsewhere with every key and the ballast; the volume is only there. */
  private static String movedAway(String source) throws InterruptedException {
    String target = kv().host();
    assertThat(target).isNotEqualTo(source);
    assertThat(sh("redis-cli dbsize")).isEqualTo(Integer.toString(KEYS));
    assertThat(sh("redis-cli get k" + KEYS)).isEqualTo("v" + KEYS);
    assertThat(sh("md5sum /data/ballast | cut -d' ' -f1")).isEqualTo(sum);
    assertThat(hostsWithVolume()).containsExactly(target);
    return target;
  }
}

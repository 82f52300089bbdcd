package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.tests.chaos.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Backups and restores of a named volume on the real stack: Redis (append-only) on a named volume;
 * 100 keys backed up, 50 more written, the backup restored: exactly the 100 are there. A stored
 * file with one byte flipped is refused and the data stays. kill -9 of Baton in the middle of a
 * backup's stream: the backup completes once (one row, a valid file, no temporary file left). A
 * service with {@code x-baton.backup.command} is backed up without a stop. The steps build on each
 * other; the durations and sizes measured are printed (and kept in target/).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupIT {
  private static final String APP = "bak-" + Long.toString(System.currentTimeMillis(), 36);
  private static final String VOLUMES = "/api/v1/apps/" + APP + "/volumes/data";

  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);
  private static final Path STORE = Path.of(stack.get("BATON_STACK_DIR"), "backups");
  private static final StringBuilder measured = new StringBuilder();
  private static String first;

  private static String compose(String backupCommand) {
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
        %s
        volumes:
          data: {}
        """
        .formatted(stack.image("parts", "v1"), backupCommand);
  }

  private static JsonNode succeeded(BatonApi.Response accepted, Duration within) {
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(accepted.body().path("id").asText(), within);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    return done;
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
        engines.clients().get(kv.host()), kv.container().getId(), "sh", "-c", script);
  }

  private static String redis(String... args) throws InterruptedException {
    return sh("redis-cli " + String.join(" ", args));
  }

  private static void writeKeys(int from, int to) throws InterruptedException {
    sh("seq " + from + " " + to + " | sed 's/.*/SET k& v&/' | redis-cli > /dev/null");
  }

  private static BatonApi.Response backup() {
    return api.postJson(VOLUMES + "/backup", "{\"reason\": \"BackupIT\"}");
  }

  private static BatonApi.Response restore(String id) {
    return api.postJson(VOLUMES + "/restore", "{\"backup\": \"" + id + "\"}");
  }

  /** The backup made by the operation, from the list. */
  private static JsonNode backupOf(String operationId) {
    JsonNode found = null;
    for (JsonNode b : api.get(VOLUMES + "/backups").body()) {
      if (b.path("operationId").asText().equals(operationId)) {
        assertThat(found).as("one backup per operation").isNull();
        found = b;
      }
    }
    assertThat(found).as("backup of " + operationId).isNotNull();
    return found;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void measure(String what, long millis, long bytes) {
    String line =
        String.format(
            "%s: %d ms, %d bytes (%.1f MB/s)",
            what, millis, bytes, bytes / 1e6 / Math.max(millis, 1) * 1000);
    System.out.println("BackupIT " + line);
    measured.append(line).append('\n');
  }

  @Test
  @Order(1)
  void aBackupOfTheVolumeIsAChecksummedFileInTheStore() throws Exception {
    succeeded(api.deploy(APP, compose("")), Duration.ofMinutes(3));
    writeKeys(1, 100);
    assertThat(redis("dbsize")).isEqualTo("100");
    String container = kv().container().getId();

    long t0 = System.nanoTime();
    JsonNode done = succeeded(backup(), Duration.ofMinutes(3));
    long millis = (System.nanoTime() - t0) / 1_000_000;

    JsonNode b = backupOf(done.path("id").asText());
    first = b.path("id").asText();
    assertThat(b.path("status").asText()).isEqualTo("COMPLETE");
    assertThat(b.path("path").asText()).isEqualTo(APP + "/data/" + first + ".tar");
    Path file = STORE.resolve(b.path("path").asText());
    assertThat(Files.size(file)).isEqualTo(b.path("sizeBytes").asLong());
    assertThat(sha256(file)).isEqualTo(b.path("sha256").asText());
    measure("backup of 100 keys (stop, archive, start, health gate)", millis, Files.size(file));

    // Stopped and started again where it was, with all its keys.
    assertThat(kv().container().getId()).isEqualTo(container);
    assertThat(redis("dbsize")).isEqualTo("100");
  }

  @Test
  @Order(2)
  void aRestoreBringsBackExactlyWhatTheBackupHeld() throws Exception {
    writeKeys(101, 150);
    assertThat(redis("dbsize")).isEqualTo("150");
    String host = kv().host();

    long t0 = System.nanoTime();
    succeeded(restore(first), Duration.ofMinutes(3));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    measure("restore of 100 keys (verify, remove, recreate, copy, start)", millis, 0);

    assertThat(redis("dbsize")).isEqualTo("100");
    assertThat(redis("get", "k100")).isEqualTo("v100");
    assertThat(redis("exists", "k101")).isEqualTo("0");
    assertThat(kv().host()).as("on the volume's host").isEqualTo(host);
  }

  @Test
  @Order(3)
  void aCorruptBackupIsRefusedAndTheDataStays() throws Exception {
    JsonNode b = api.get(VOLUMES + "/backups").body().get(0);
    Path file = STORE.resolve(b.path("path").asText());
    flipByte(file, Files.size(file) / 2);
    writeKeys(101, 110);
    String container = kv().container().getId();
    try {
      BatonApi.Response accepted = restore(b.path("id").asText());
      assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
      JsonNode done = api.awaitTerminal(accepted.body().path("id").asText(), Duration.ofMinutes(2));
      assertThat(done.path("status").asText()).isEqualTo("FAILED");
      assertThat(done.path("error").asText()).contains("checksum does not match");
    } finally {
      flipByte(file, Files.size(file) / 2);
    }
    assertThat(kv().container().getId()).as("not even restarted").isEqualTo(container);
    assertThat(redis("dbsize")).isEqualTo("110");
  }

  @Test
  @Order(4)
  void badInputIsRefusedNamingWhatIsWrong() {
    BatonApi.Response unknownApp =
        api.postJson("/api/v1/apps/nope-" + APP + "/volumes/data/backup", "{}");
    assertThat(unknownApp.status()).as(unknownApp.raw()).isEqualTo(404);

    BatonApi.Response unknownVolume =
        api.postJson("/api/v1/apps/" + APP + "/volumes/cache/backup", "{}");
    assertThat(unknownVolume.status()).as(unknownVolume.raw()).isEqualTo(404);
    assertThat(unknownVolume.raw()).contains("volume");

    BatonApi.Response badId = restore("../../etc/passwd");
    assertThat(badId.status()).as(badId.raw()).isEqualTo(400);
    assertThat(badId.raw()).contains("backup");

    BatonApi.Response unknownId = restore("20000101-000000-abcdef");
    assertThat(unknownId.status()).as(unknownId.raw()).isEqualTo(404);
    assertThat(unknownId.raw()).contains("backup");

    BatonApi.Response noBody =
        api.send(
            api.request(VOLUMES + "/restore")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(noBody.status()).as(noBody.raw()).isEqualTo(400);
    assertThat(noBody.raw()).contains("backup");
  }

  @Test
  @Order(5)
  void killOfBatonMidStreamStillCompletesTheBackupOnce() throws Exception {
    sh("dd if=/dev/urandom of=/data/blob bs=1M count=200 2>/dev/null && sync");
    String blob = sh("md5sum /data/blob");
    BatonApi.Response accepted = backup();
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    String op = accepted.body().path("id").asText();
    Path dir = STORE.resolve(APP + "/data");
    awaitPartFile(dir, Duration.ofMinutes(2));

    Faults faults = new Faults(stack);
    faults.killBaton();
    faults.recover();
    JsonNode done = api.awaitTerminal(op, Duration.ofMinutes(5));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");

    JsonNode b = backupOf(op);
    assertThat(b.path("status").asText()).isEqualTo("COMPLETE");
    Path file = STORE.resolve(b.path("path").asText());
    assertThat(sha256(file)).isEqualTo(b.path("sha256").asText());
    assertThat(Files.size(file)).isGreaterThan(200L << 20);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no temporary file left")
          .noneMatch(n -> n.contains(".part"));
    }

    // A backup of it without a crash, and its restore, for their throughput.
    long t0 = System.nanoTime();
    JsonNode again = succeeded(backup(), Duration.ofMinutes(5));
    measure("backup of a 200 MiB volume", (System.nanoTime() - t0) / 1_000_000, Files.size(file));
    String id = backupOf(again.path("id").asText()).path("id").asText();
    sh("rm /data/blob");
    t0 = System.nanoTime();
    succeeded(restore(id), Duration.ofMinutes(5));
    measure("restore of a 200 MiB volume", (System.nanoTime() - t0) / 1_000_000, Files.size(file));
    assertThat(sh("md5sum /data/blob")).isEqualTo(blob);
    assertThat(redis("dbsize")).isEqualTo("110");
  }

  @Test
  @Order(6)
  void withABackupCommandTheInstanceIsNotStopped() throws Exception {
    String command =
        """
            x-baton:
              backup:
                command: ["redis-cli", "SAVE"]
        """;
    succeeded(api.deploy(APP, compose(command)), Duration.ofMinutes(3));
    String container = kv().container().getId();
    assertThat(redis("dbsize")).isEqualTo("110");

    long t0 = System.nanoTime();
    JsonNode done = succeeded(backup(), Duration.ofMinutes(5));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    JsonNode b = backupOf(done.path("id").asText());
    measure("backup with redis-cli SAVE, no stop", millis, b.path("sizeBytes").asLong());

    assertThat(kv().container().getId()).isEqualTo(container);
    assertThat(kv().container().getState()).isEqualTo("running");
    JsonNode events = api.get("/api/v1/operations/" + done.path("id").asText() + "/events").body();
    assertThat(events.toString()).contains("redis-cli SAVE").doesNotContain("stopping");
  }

  @AfterAll
  static void cleanUp() throws IOException {
    Files.writeString(Path.of("target", "backup-measurements.txt"), measured.toString());
    // Backups outlive their app; this test's 600 MB of them need not.
    try (Stream<Path> files = Files.walk(STORE.resolve(APP))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.nio.file.NoSuchFileException none) {
      // nothing was written
    }
    BatonApi.Response gone =
        api.send(api.request("/api/v1/apps/" + APP + "?volumes=delete").DELETE());
    if (gone.status() == 202) {
      api.awaitTerminal(gone.body().path("id").asText(), Duration.ofMinutes(2));
    }
  }

  private static void awaitPartFile(Path dir, Duration within) throws Exception {
    long until = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < until) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          if (files.anyMatch(p -> p.getFileName().toString().contains(".part-"))) {
            return;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the backup never started writing in " + dir);
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0xff);
    }
  }
}

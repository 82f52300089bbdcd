package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Secrets and configs on the real stack, deployed by the CLI as a user would: a secret from a file
 * beside the Compose file, one from a shell variable, one stored beforehand by an admin, a config
 * with inline content and a relative bind of a file. Each lands in every container with its mode
 * and owner, and no value is found anywhere else: not in Baton's log, its database (a pg_dump),
 * Temporal's (every workflow payload), the API's answers, nor the containers' configuration. A
 * changed value is a new revision. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsIT {
  private static final String APP = "secr-" + Long.toString(System.currentTimeMillis(), 36);
  private static final String FROM_FILE = "file-" + UUID.randomUUID();
  private static final String FROM_SHELL = "shell-" + UUID.randomUUID();
  private static final String STORED = "stored-" + UUID.randomUUID();
  private static final String CHANGED = "changed-" + UUID.randomUUID();
  private static final String VAULT = "vault-" + APP;

  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);
  private static Path dir;

  private static final String COMPOSE =
      """
      services:
        web:
          image: ${REGISTRY}/baton-demo/web:v1
          init: true
          ports: ["8080"]
          secrets:
            - db_password
            - {source: api_key, target: key.txt, uid: "999", gid: "999", mode: 0400}
            - vault
          configs:
            - {source: settings, target: /etc/app/settings.ini}
          volumes:
            - ./site.conf:/etc/app/site.conf:ro
          deploy:
            replicas: 2
      secrets:
        db_password: {file: ./db_password.txt}
        api_key: {environment: API_KEY}
        vault: {external: true, name: %s}
      configs:
        settings: {content: "mode=fast"}
      """
          .formatted(VAULT);

  private static String baton(String... args) {
    Cli.Result run = Cli.baton(stack, Map.of("API_KEY", FROM_SHELL), args);
    assertThat(run.exit()).as(run.output()).isZero();
    return run.output();
  }

  private static String deploy(String password) throws Exception {
    if (dir == null) {
      dir = Files.createTempDirectory("baton-secrets-");
      Files.writeString(dir.resolve("site.conf"), "listen 8080\n");
    }
    Files.writeString(dir.resolve("db_password.txt"), password);
    Path file = dir.resolve("compose.yaml");
    Files.writeString(file, COMPOSE);
    return baton("deploy", APP, "-f", file.toString(), "--wait", "--timeout", "4m");
  }

  private static List<String> inEveryContainer(String... cmd) throws Exception {
    List<String> out = new ArrayList<>();
    for (Engines.Placed c : engines.containers(APP)) {
      if (c.running()) {
        out.add(Engines.exec(engines.clients().get(c.host()), c.container().getId(), cmd).trim());
      }
    }
    assertThat(out).as("running containers").hasSize(2);
    return out;
  }

  @Test
  @Order(1)
  void anAdminStoresASecretAndGetsOnlyItsDigestBack() {
    BatonApi.Response put =
        api.send(
            api.request("/api/v1/secrets/" + VAULT)
                .header("Content-Type", "application/json")
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"value\": \"" + STORED + "\"}")));
    assertThat(put.status()).as(put.raw()).isEqualTo(200);
    assertThat(put.body().path("digest").asText()).startsWith("hmac:");
    assertThat(put.raw()).doesNotContain(STORED);
  }

  @Test
  @Order(2)
  void eachValueLandsInEveryContainerWithItsModeAndOwner() throws Exception {
    deploy(FROM_FILE);

    assertThat(inEveryContainer("/bin/busybox", "cat", "/run/secrets/db_password"))
        .containsOnly(FROM_FILE);
    assertThat(inEveryContainer("/bin/busybox", "cat", "/run/secrets/key.txt"))
        .containsOnly(FROM_SHELL);
    assertThat(inEveryContainer("/bin/busybox", "cat", "/run/secrets/vault")).containsOnly(STORED);
    assertThat(inEveryContainer("/bin/busybox", "cat", "/etc/app/settings.ini"))
        .containsOnly("mode=fast");
    assertThat(inEveryContainer("/bin/busybox", "cat", "/etc/app/site.conf"))
        .containsOnly("listen 8080");
    assertThat(inEveryContainer("/bin/busybox", "stat", "-c", "%a %u:%g", "/run/secrets/key.txt"))
        .containsOnly("400 999:999");
    assertThat(inEveryContainer("/bin/busybox", "stat", "-c", "%a", "/run/secrets/db_password"))
        .containsOnly("444");
  }

  @Test
  @Order(3)
  void aChangedValueIsANewRevisionThatReachesEveryContainer() throws Exception {
    int before = api.get("/api/v1/apps/" + APP).body().path("currentRevision").asInt();
    deploy(CHANGED);
    int after = api.get("/api/v1/apps/" + APP).body().path("currentRevision").asInt();

    assertThat(after).isEqualTo(before + 1);
    assertThat(inEveryContainer("/bin/busybox", "cat", "/run/secrets/db_password"))
        .containsOnly(CHANGED);
  }

  @Test
  @Order(4)
  void noValueIsFoundAnywhereButInTheContainers() throws Exception {
    List<String> values = List.of(FROM_FILE, FROM_SHELL, STORED, CHANGED);
    Path stackDir = Path.of(stack.get("BATON_STACK_DIR"));

    assertNone(values, "Baton's log", Files.readString(stackDir.resolve("baton.log")));
    for (String db : List.of("temporal.db", "temporal.db-wal")) {
      if (Files.exists(stackDir.resolve(db))) {
        assertNone(values, "Temporal's database (" + db + ")", latin1(stackDir.resolve(db)));
      }
    }
    // Into a file: its output is bigger than a pipe holds while Cli.run waits.
    Path dumpFile = Files.createTempFile("baton-dump-", ".sql");
    Cli.Result dump =
        Cli.run(
            List.of(
                "/usr/lib/postgresql/15/bin/pg_dump",
                "--data-only",
                "--file=" + dumpFile,
                stack.get("DATABASE_URL")),
            120);
    assertThat(dump.exit()).as(dump.output()).isZero();
    String dumped = Files.readString(dumpFile);
    Files.delete(dumpFile);
    assertThat(dumped).contains(APP);
    assertNone(values, "a dump of Baton's database", dumped);

    StringBuilder answers = new StringBuilder();
    for (String path :
        List.of(
            "/api/v1/apps/" + APP,
            "/api/v1/apps/" + APP + "/revisions",
            "/api/v1/operations?app=" + APP,
            "/api/v1/audit")) {
      answers.append(api.get(path).raw());
    }
    JsonNode ops = api.get("/api/v1/operations?app=" + APP).body();
    for (JsonNode op : ops) {
      answers.append(api.get("/api/v1/operations/" + op.path("id").asText() + "/events").raw());
    }
    assertThat(answers).contains(APP);
    assertNone(values, "the API's answers", answers.toString());

    StringBuilder inspected = new StringBuilder();
    for (Engines.Placed c : engines.containers(APP)) {
      var config =
          engines.clients().get(c.host()).inspectContainerCmd(c.container().getId()).exec();
      inspected.append(
          config.getConfig().getEnv() == null ? "" : String.join(" ", config.getConfig().getEnv()));
      inspected.append(config.getConfig().getLabels());
    }
    assertNone(values, "the containers' environment and labels", inspected.toString());
  }

  @Test
  @Order(5)
  void theAppIsDeleted() {
    JsonNode done = api.deleteApp(APP);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
  }

  private static void assertNone(List<String> values, String where, String text) {
    for (String value : values) {
      assertThat(text.contains(value)).as("a secret value in " + where).isFalse();
    }
  }

  /** The bytes of a binary file as text, so a plain value in it can be searched for. */
  private static String latin1(Path file) throws Exception {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }
}

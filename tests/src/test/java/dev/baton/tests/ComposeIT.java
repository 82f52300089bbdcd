package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A Compose file as people write it, through bin/baton as a user runs it: {@code baton plan} then
 * {@code baton deploy}, with a .env beside the file, an env_file, a variable from the shell, a
 * profile left out, anchors, a service named with '_' reached by that name, a global service, and
 * the container keys Compose users take for granted, checked on the engines.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {
  private static final String APP = "compose-" + Long.toString(System.currentTimeMillis(), 36);
  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Engines engines = new Engines(stack);

  private static final String COMPOSE =
      """
      version: "3.8"
      x-health: &health
        test: ["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]
        interval: 1s
        timeout: 3s
        retries: 3
      services:
        web:
          image: ${REGISTRY}/baton-demo/web:${TAG:-v1}
          container_name: my-web
          restart: unless-stopped
          init: true
          ports: ["8080"]
          env_file: [./web.env]
          environment:
            - GREETING
          hostname: front
          extra_hosts: ["metrics.local:10.9.9.9"]
          cap_drop: [NET_RAW]
          tmpfs: [/scratch]
          ulimits: {nofile: {soft: 1024, hard: 2048}}
          labels: [team=web]
          healthcheck: *health
          deploy: {replicas: 2}
          depends_on:
            migrate: {condition: service_completed_successfully}
        auth_db:
          image: ${REGISTRY}/baton-demo/web:v2
          init: true
          expose: ["8080"]
          healthcheck: *health
          deploy: {mode: global}
        debug:
          image: ${REGISTRY}/baton-demo/web:v1
          profiles: [debug]
        migrate:
          image: ${REGISTRY}/baton-demo/web:v1
          command: ["/bin/busybox", "sh", "-c", "sleep 2; echo migrated; exit ${MIGRATION_EXIT:-0}"]
          deploy:
            update_config: {failure_action: rollback}
      """;

  record Run(int exit, String output) {}

  private static Path dir;

  private static Run baton(String... args) {
    Cli.Result run = Cli.baton(stack, Map.of("GREETING", "hello from the shell"), args);
    return new Run(run.exit(), run.output());
  }

  private static Path write(String compose) throws Exception {
    if (dir == null) {
      dir = Files.createTempDirectory("baton-compose-");
      Files.writeString(dir.resolve(".env"), "# as docker compose reads it\nTAG=v2\n");
      Files.writeString(
          dir.resolve("web.env"), "FROM_ENV_FILE=yes\nAUTH_URL=http://auth_db:8080/version\n");
    }
    Path file = dir.resolve("compose.yaml");
    Files.writeString(file, compose);
    return file;
  }

  @Test
  @Order(1)
  void planShowsWhatTheDeployWouldDoAndWhere() throws Exception {
    Run plan = baton("plan", APP, "-f", write(COMPOSE).toString());
    assertThat(plan.exit()).as(plan.output()).isZero();
    assertThat(plan.output())
        .contains("plan for " + APP + ": nothing -> r1")
        .contains("+ web added", "+ auth_db added")
        .doesNotContain("debug")
        .contains("(global, one per eligible host)")
        .contains("warning: line 1: version: obsolete")
        .contains("services.web.container_name: ignored");
    for (String host : hostNames()) {
      assertThat(plan.output()).as("a slot lands on " + host).contains("on " + host);
    }
    assertThat(api.get("/api/v1/apps/" + APP).status()).as("a plan changes nothing").isEqualTo(404);
  }

  @Test
  @Order(2)
  void aRefusedFileExits2WithEveryErrorAtItsLine() throws Exception {
    String bad =
        COMPOSE.replace(
            "    hostname: front\n",
            "    hostname: ${MISSING:?set MISSING}\n    privileged: true\n");
    Run plan = baton("plan", APP, "-f", write(bad).toString());
    assertThat(plan.exit()).as(plan.output()).isEqualTo(2);
    assertThat(plan.output())
        .contains("line 17: services.web.hostname: required variable MISSING is unset or empty")
        .contains("line 18: services.web.privileged: not supported by Baton");
  }

  @Test
  @Order(3)
  void deployRunsItAsPlannedWithTheKeysOnTheContainers() throws Exception {
    Run deploy = baton("deploy", APP, "-f", write(COMPOSE).toString(), "--wait", "--timeout", "4m");
    assertThat(deploy.exit()).as(deploy.output()).isZero();
    assertThat(deploy.output()).contains("warning: line", "SUCCEEDED");

    List<Engines.Placed> web = running("web");
    assertThat(web).hasSize(2);
    InspectContainerResponse c =
        engines
            .clients()
            .get(web.get(0).host())
            .inspectContainerCmd(web.get(0).container().getId())
            .exec();
    assertThat(c.getConfig().getImage()).isEqualTo(stack.image("web", "v2")); // TAG from .env
    assertThat(c.getConfig().getEnv())
        .contains("FROM_ENV_FILE=yes", "GREETING=hello from the shell");
    assertThat(c.getConfig().getHostName()).isEqualTo("front");
    assertThat(c.getConfig().getLabels()).containsEntry("team", "web");
    assertThat(c.getHostConfig().getExtraHosts()).contains("metrics.local:10.9.9.9");
    assertThat(Arrays.toString(c.getHostConfig().getCapDrop())).contains("NET_RAW");
    assertThat(c.getHostConfig().getTmpFs()).containsKey("/scratch");
    assertThat(c.getHostConfig().getUlimits())
        .anySatisfy(
            u -> {
              assertThat(u.getName()).isEqualTo("nofile");
              assertThat(u.getSoftLong()).isEqualTo(1024L);
              assertThat(u.getHardLong()).isEqualTo(2048L);
            });

    // The migration ran to exit 0 before web started, and nothing restarts it.
    Engines.Placed job =
        engines.containers(APP).stream()
            .filter(p -> "migrate".equals(p.label("baton.service")))
            .findFirst()
            .orElseThrow();
    InspectContainerResponse migrate =
        engines.clients().get(job.host()).inspectContainerCmd(job.container().getId()).exec();
    assertThat(migrate.getState().getExitCodeLong()).isZero();
    assertThat(migrate.getState().getRunning()).isFalse();
    assertThat(c.getState().getStartedAt()).isGreaterThan(migrate.getState().getFinishedAt());
    assertThat(api.get("/api/v1/apps/" + APP).body().path("instances").toString())
        .contains("\"service\":\"migrate\"");
    List<Engines.Placed> auth = running("auth_db");
    assertThat(auth)
        .extracting(Engines.Placed::host)
        .containsExactlyInAnyOrderElementsOf(hostNames());
    // A name with '_' is reached by that name, on the port it only exposes.
    for (Engines.Placed w : web) {
      String answer =
          Engines.exec(
              engines.clients().get(w.host()),
              w.container().getId(),
              "/bin/busybox",
              "wget",
              "-q",
              "-O-",
              "http://auth_db:8080/version");
      assertThat(answer.trim()).isEqualTo("v2");
    }
    JsonNode revisions = api.get("/api/v1/apps/" + APP + "/revisions").body();
    assertThat(revisions.get(0).path("warnings").toString()).contains("container_name");
  }

  @Test
  @Order(4)
  void aFailingJobStopsTheDeployBeforeItsDependentsMove() throws Exception {
    Path file =
        write(COMPOSE.replace("${MIGRATION_EXIT:-0}", "3").replace("web:${TAG:-v1}", "web:v1"));
    Run deploy = baton("deploy", APP, "-f", file.toString(), "--wait", "--timeout", "4m");
    assertThat(deploy.exit()).as(deploy.output()).isEqualTo(1);
    assertThat(deploy.output()).contains("exited with code 3");
    // web never moved: it still runs r1's image.
    assertThat(running("web"))
        .allSatisfy(w -> assertThat(w.container().getImage()).isEqualTo(stack.image("web", "v2")));
  }

  @Test
  @Order(5)
  void aProfileBringsItsServiceAndTheAppIsDeleted() throws Exception {
    Run deploy =
        baton(
            "deploy",
            APP,
            "-f",
            write(COMPOSE).toString(),
            "--profile",
            "debug",
            "--wait",
            "--timeout",
            "4m");
    assertThat(deploy.exit()).as(deploy.output()).isZero();
    assertThat(running("debug")).hasSize(1);
    JsonNode done = api.deleteApp(APP);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
  }

  private static List<String> hostNames() {
    return List.of(stack.get("DOCKER_HOST_NAMES").split(","));
  }

  private static List<Engines.Placed> running(String service) {
    return engines.containers(APP).stream()
        .filter(c -> service.equals(c.label("baton.service")) && c.running())
        .toList();
  }
}

package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A third engine on a loopback TCP port with {@code --tlsverify} and certificates the test makes:
 * it joins through the API with Baton's client certificate, runs an app pinned to it, and the same
 * engine with a client certificate from another CA is refused with a message about TLS. Plain TCP
 * is refused at the API. Everything it adds (app, hosts, engine, bridge) is gone afterwards, so the
 * other ITs see only host1 and host2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsHostIT {
  private static final String SUFFIX = Long.toString(System.currentTimeMillis(), 36);
  private static final String HOST = "tls-" + SUFFIX;
  private static final String BAD_HOST = "tlsbad-" + SUFFIX;
  private static final String APP = "tlsapp-" + SUFFIX;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Stack stack = Stack.get();
  private static final BatonApi api = new BatonApi(stack);
  private static final Set<String> joined = new LinkedHashSet<>();
  private static Path dir;
  private static TlsCertificates certs;
  private static TlsEngine engine;
  private static boolean deployed;

  @BeforeAll
  static void startEngine() throws Exception {
    dir = Files.createDirectories(Path.of(stack.get("BATON_STACK_DIR"), "tls-" + SUFFIX));
    certs = TlsCertificates.create(dir.resolve("certs"));
    engine = TlsEngine.start(dir.resolve("engine"), certs.server, certs.client);
  }

  private static String compose(String host) {
    return Apps.webService(stack.image("web", "v1"), "5s", 5)
        + """
            deploy:
              replicas: 2
              placement:
                constraints: [node.hostname==%s]
              update_config: {parallelism: 2, order: start-first}
        """
            .formatted(host);
  }

  private static BatonApi.Response join(String name, String endpoint, Map<String, String> labels)
      throws Exception {
    String body =
        JSON.writeValueAsString(Map.of("name", name, "endpoint", endpoint, "labels", labels));
    BatonApi.Response r = api.postJson("/api/v1/hosts", body);
    if (r.status() == 202) {
      joined.add(name);
    }
    return r;
  }

  private static JsonNode host(String name) {
    return api.get("/api/v1/hosts/" + name).body();
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

  @Test
  @Order(1)
  void joinsOverTlsAndRunsInstancesPinnedToIt() throws Exception {
    BatonApi.Response r =
        join(HOST, engine.endpoint, Map.of("baton.tls.cert-path", certs.client.toString()));
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    // Not READY before Baton has talked to the engine.
    assertThat(r.body().path("status").asText()).isEqualTo("UNREACHABLE");
    assertThat(r.body().path("message").asText()).startsWith("joining");
    await(
        "host READY",
        Duration.ofSeconds(60),
        () -> "READY".equals(host(HOST).path("status").asText()));
    JsonNode ready = host(HOST);
    assertThat(ready.path("capacity").path("cpus").asInt()).isPositive();
    assertThat(ready.path("capacity").path("memoryBytes").asLong()).isPositive();
    assertThat(ready.path("apiVersion").asText()).isNotBlank();
    assertThat(ready.path("message").isNull()).as(ready.toString()).isTrue();

    BatonApi.Response deploy = api.deploy(APP, compose(HOST));
    assertThat(deploy.status()).as(deploy.raw()).isEqualTo(202);
    deployed = true;
    JsonNode done = api.awaitTerminal(deploy.body().path("id").asText(), Duration.ofMinutes(2));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");

    // The truth from the engine itself (over TLS), and through the published ports.
    try (DockerClient docker = engine.client(certs.client)) {
      List<Container> containers =
          docker
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of("baton.app", APP))
              .exec();
      assertThat(containers).hasSize(2).allMatch(c -> "running".equals(c.getState()));
      for (Container c : containers) {
        String address = new Engines.Placed(HOST, c).address();
        assertThat(address).as("published port of %s", c.getNames()[0]).isNotNull();
        assertThat(Http.get(address, "/health")).isEqualTo("ok");
        assertThat(Http.get(address, "/version")).isEqualTo("v1");
      }
    }
    assertThat(new Engines(stack).containersOnAnsweringHosts(APP))
        .as("nothing on host1/host2")
        .isEmpty();
    await(
        "Baton shows 2 instances on " + HOST,
        Duration.ofSeconds(20),
        () -> host(HOST).path("usage").path("instances").asInt() == 2);
  }

  @Test
  @Order(2)
  void aClientCertificateFromAnotherCaIsRefusedWithATlsMessage() throws Exception {
    BatonApi.Response r =
        join(
            BAD_HOST, engine.endpoint, Map.of("baton.tls.cert-path", certs.wrongClient.toString()));
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    await(
        "host refused with a message",
        Duration.ofSeconds(60),
        () -> host(BAD_HOST).path("message").asText("").contains("TLS"));
    JsonNode refused = host(BAD_HOST);
    System.out.println("[tls] refused: " + refused.path("message").asText());
    assertThat(refused.path("status").asText()).isEqualTo("UNREACHABLE");
    assertThat(refused.path("capacity").path("cpus").asInt()).isZero();
    assertThat(refused.path("message").asText())
        .startsWith(BAD_HOST + ": TLS with " + engine.endpoint + " failed")
        .contains("bad_certificate", "client certificate in " + certs.wrongClient);
    // Refused for good: the host workflow ended instead of retrying a certificate that cannot work.
    await(
        "host:" + BAD_HOST + " failed",
        Duration.ofSeconds(30),
        () ->
            Cli.temporal(stack, "workflow", "describe", "--workflow-id", "host:" + BAD_HOST)
                .output()
                .matches("(?s).*Status\\s+FAILED.*"));
  }

  @Test
  @Order(3)
  void plainTcpIsRefusedAndAllowedOnlyForLoopbackWhenLabelled() throws Exception {
    BatonApi.Response plain = join("plain-" + SUFFIX, engine.endpoint, Map.of());
    assertThat(plain.status()).as(plain.raw()).isEqualTo(422);
    assertThat(plain.body().path("detail").asText())
        .contains("plain TCP to a Docker engine is refused")
        .contains("baton.allow-plain-tcp=true");

    BatonApi.Response remote =
        join("remote-" + SUFFIX, "tcp://192.0.2.10:2375", Map.of("baton.allow-plain-tcp", "true"));
    assertThat(remote.status()).as(remote.raw()).isEqualTo(422);
    assertThat(remote.body().path("detail").asText())
        .contains("plain TCP to a Docker engine is refused")
        .doesNotContain("allow-plain-tcp");
    assertThat(api.get("/api/v1/hosts/plain-" + SUFFIX).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/hosts/remote-" + SUFFIX).status()).isEqualTo(404);
  }

  /**
   * A deleted app leaves the lists and a removed host can be joined again, both under their old
   * names: the host becomes READY again and the app is deployed to it again.
   */
  @Test
  @Order(4)
  void aRemovedHostAndADeletedAppComeBackUnderTheirNames() throws Exception {
    deleteApp();
    deployed = false;
    assertThat(api.get("/api/v1/apps").body().findValuesAsText("name")).doesNotContain(APP);
    assertThat(api.get("/api/v1/apps/" + APP).status()).isEqualTo(404);
    removeHost(HOST);

    BatonApi.Response again =
        join(HOST, engine.endpoint, Map.of("baton.tls.cert-path", certs.client.toString()));
    assertThat(again.status()).as(again.raw()).isEqualTo(202);
    assertThat(again.body().path("status").asText()).isEqualTo("UNREACHABLE");
    assertThat(again.body().path("message").asText()).startsWith("joining");
    await(
        "host READY again",
        Duration.ofSeconds(60),
        () -> "READY".equals(host(HOST).path("status").asText()));

    BatonApi.Response deploy = api.deploy(APP, compose(HOST));
    assertThat(deploy.status()).as(deploy.raw()).isEqualTo(202);
    deployed = true;
    JsonNode done = api.awaitTerminal(deploy.body().path("id").asText(), Duration.ofMinutes(2));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    JsonNode app = api.get("/api/v1/apps/" + APP).body();
    assertThat(app.path("currentRevision").asInt())
        .as(app.toString())
        .isEqualTo(done.path("revision").asInt())
        .isGreaterThan(1);
    assertThat(api.get("/api/v1/apps").body().findValuesAsText("name")).contains(APP);
    try (DockerClient docker = engine.client(certs.client)) {
      assertThat(
              docker.listContainersCmd().withLabelFilter(Map.of("baton.app", APP)).exec().stream()
                  .map(Container::getState))
          .containsExactly("running", "running");
    }
  }

  /** Leaves no trace: app, hosts, engine, bridge and folders, each step tried whatever failed. */
  @AfterAll
  static void cleanUp() throws Exception {
    List<String> problems = new ArrayList<>();
    if (deployed) {
      attempt(problems, "delete app", () -> deleteApp());
    }
    for (String name : joined) {
      attempt(problems, "remove host " + name, () -> removeHost(name));
    }
    if (engine != null) {
      engine.close();
      problems.addAll(engine.problems());
    }
    if (dir != null) {
      Cli.run(List.of("rm", "-rf", "--one-file-system", dir.toString()), 60);
    }
    assertThat(problems).as("clean-up").isEmpty();
  }

  private static void deleteApp() {
    BatonApi.Response r = api.send(api.request("/api/v1/apps/" + APP).DELETE());
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    JsonNode done = api.awaitTerminal(r.body().path("id").asText(), Duration.ofMinutes(1));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
  }

  private static void removeHost(String name) {
    if ("READY".equals(host(name).path("status").asText())) {
      assertThat(api.post("/api/v1/hosts/" + name + "/drain").status()).isEqualTo(202);
    }
    // Instances are forgotten shortly after the app's delete: retry a 409 for a while.
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    BatonApi.Response r;
    do {
      r = api.send(api.request("/api/v1/hosts/" + name).DELETE());
      if (r.status() == 200) {
        break;
      }
      BatonApi.sleep(500);
    } while (System.nanoTime() < end);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    await(
        "host " + name + " REMOVED",
        Duration.ofSeconds(20),
        () -> "REMOVED".equals(host(name).path("status").asText()));
  }

  private static void attempt(List<String> problems, String what, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | AssertionError e) {
      problems.add(what + ": " + e.getMessage());
    }
  }
}

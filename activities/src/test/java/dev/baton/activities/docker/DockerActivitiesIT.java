package dev.baton.activities.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.baton.activities.HostDirectory;
import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.HttpProbe;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.CreateRequest;
import dev.baton.workflows.ports.DockerActivities;
import dev.baton.workflows.ports.HealthResult;
import dev.baton.workflows.ports.HealthWait;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Docker activities against a real engine, run through Temporal's activity environment so
 * heartbeats are real. Engine: first of {@code DOCKER_HOSTS}, else the local socket. Image: {@code
 * BATON_TEST_IMAGE}, else {@code $REGISTRY/baton-demo/web:v1}, else the dev registry's {@value
 * #FALLBACK_IMAGE}. An unreachable engine fails the suite: it never skips.
 */
class DockerActivitiesIT {

  static final String FALLBACK_IMAGE = "127.0.0.1:5002/demo-web:v1";
  static final String HOST = "h1";
  static final String APP = "it" + UUID.randomUUID().toString().substring(0, 6);
  static final String OTHER_APP = APP + "x";

  static String endpoint;

  /** The engine's address, where what it publishes answers (its LAN address on the stack). */
  static String address;

  static String image;
  static DockerClients clients;
  static DockerActivitiesImpl impl;
  static DockerClient docker;

  TestActivityEnvironment env;
  DockerActivities activities;
  final List<String> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void connect() {
    String hosts = System.getenv("DOCKER_HOSTS");
    endpoint =
        hosts != null && !hosts.isBlank()
            ? hosts.split(",")[0].trim()
            : "unix:///var/run/docker.sock";
    String addresses = System.getenv("DOCKER_HOST_ADDRESSES");
    address =
        addresses != null && !addresses.isBlank() ? addresses.split(",")[0].trim() : "127.0.0.1";
    image = testImage();
    Map<String, Host> known =
        Map.of(
            HOST,
            new Host(HOST, endpoint, address, Map.of(), 2, 1L << 30),
            // Nothing listens on port 1: list() must skip this host, not fail.
            "ghost",
            new Host("ghost", "tcp://127.0.0.1:1", "127.0.0.1", Map.of(), 2, 1L << 30));
    HostDirectory directory =
        new HostDirectory() {
          @Override
          public Optional<Host> find(String name) {
            return Optional.ofNullable(known.get(name));
          }

          @Override
          public List<Host> all() {
            return List.of(known.get(HOST), known.get("ghost"));
          }
        };
    clients = new DockerClients(directory);
    impl = new DockerActivitiesImpl(directory, clients);
    docker = clients.forHost(HOST);
    try {
      docker.pingCmd().exec();
    } catch (RuntimeException e) {
      String hint = "true".equals(System.getenv("CI")) ? " (CI=true: the engine is required)" : "";
      throw new AssertionError(
          "Docker engine at " + endpoint + " is unreachable" + hint + ": " + e, e);
    }
  }

  static String testImage() {
    String explicit = System.getenv("BATON_TEST_IMAGE");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    String registry = System.getenv("REGISTRY");
    if (registry != null && !registry.isBlank()) {
      return registry + "/baton-demo/web:v1";
    }
    return FALLBACK_IMAGE;
  }

  @BeforeEach
  void startEnvironment() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(impl);
    env.setActivityHeartbeatListener(String.class, heartbeats::add);
    activities =
        env.newActivityStub(
            DockerActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(20))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  @AfterAll
  static void cleanUp() {
    for (String app : List.of(APP, OTHER_APP)) {
      for (Container c :
          docker
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of("baton.app", app))
              .exec()) {
        docker.removeContainerCmd(c.getId()).withForce(true).exec();
      }
    }
    for (String app : List.of(APP, OTHER_APP, APP + "l")) {
      impl.removeNetworks(app);
    }
    clients.close();
  }

  // ---- helpers

  private CreateRequest request(String app, int revision, int slot, ServiceSpec service) {
    return new CreateRequest("op-test", app, revision, slot, HOST, service);
  }

  private Instance createAndStart(int revision, int slot, ServiceSpec service) {
    Instance created = activities.create(request(APP, revision, slot, service));
    return activities.start(HOST, created.containerId());
  }

  private static String get(String url) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  // ---- create / start

  @Test
  void createIsIdempotent() {
    ServiceSpec web = TestSpecs.web(image).build();
    Instance first = activities.create(request(APP, 1, 1, web));
    Instance second = activities.create(request(APP, 1, 1, web));
    assertThat(second.containerId()).isEqualTo(first.containerId());
    assertThat(first.containerName()).isEqualTo(APP + "-web-r1-1");
    assertThat(first.state()).isEqualTo("created");
    assertThat(first.revision()).isEqualTo(1);
    assertThat(first.slot()).isEqualTo(1);
  }

  @Test
  void createAdoptsTheWinnerOfANameRace() {
    ServiceSpec web = TestSpecs.web(image).build();
    Instance winner = activities.create(request(APP, 1, 2, web));
    // Create is optimistic (no look-up first), so a second attempt hits 409 and adopts the winner.
    Instance loser = activities.create(request(APP, 1, 2, web));
    assertThat(loser.containerId()).isEqualTo(winner.containerId());
    long sameName =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withNameFilter(List.of(APP + "-web-r1-2"))
            .exec()
            .size();
    assertThat(sameName).isEqualTo(1);
  }

  @Test
  void concurrentCreatesMakeOneContainer() throws Exception {
    ServiceSpec web = TestSpecs.web(image).build();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Instance>> attempts = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        attempts.add(pool.submit(() -> activities.create(request(APP, 1, 3, web))));
      }
      Set<String> ids = new java.util.HashSet<>();
      for (var attempt : attempts) {
        ids.add(attempt.get(60, TimeUnit.SECONDS).containerId());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void startPublishesAnAddressThatServes() throws Exception {
    long t0 = System.nanoTime();
    Instance running = createAndStart(2, 1, TestSpecs.web(image).build());
    assertThat(running.running()).isTrue();
    assertThat(running.address()).matches(Pattern.quote(address) + ":\\d+");
    // Starting again is a no-op.
    assertThat(activities.start(HOST, running.containerId()).address())
        .isEqualTo(running.address());
    String body = null;
    for (int i = 0; i < 40 && body == null; i++) {
      try {
        body = get("http://" + running.address() + "/health");
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
    assertThat(body).isNotNull();
    assertThat(body.trim()).isEqualTo("ok");
    System.out.println("TIMING create+start+first HTTP answer: " + millisSince(t0) + " ms");
  }

  // ---- networks

  /**
   * Each app is on a network of its own: its containers reach each other by name there, another
   * app's containers cannot reach them at all, and a deleted app's network goes with it.
   */
  @Test
  void appsAreOnNetworksOfTheirOwn() throws Exception {
    ServiceSpec web = TestSpecs.web(image).build();
    Instance first = createAndStart(17, 1, web);
    Instance second = createAndStart(17, 2, web);
    Instance stranger =
        activities.start(HOST, activities.create(request(OTHER_APP, 17, 1, web)).containerId());

    assertThat(networksOf(first)).containsExactly("baton-" + APP);
    assertThat(networksOf(stranger)).containsExactly("baton-" + OTHER_APP);
    assertThat(fetch(first, second.containerName())).endsWith("ok");
    String secondIp =
        docker
            .inspectContainerCmd(second.containerId())
            .exec()
            .getNetworkSettings()
            .getNetworks()
            .get("baton-" + APP)
            .getIpAddress();
    assertThat(fetch(stranger, secondIp)).as("another app's container").doesNotContain("ok");

    docker.removeContainerCmd(stranger.containerId()).withForce(true).exec();
    activities.removeNetworks(OTHER_APP);
    assertThat(docker.listNetworksCmd().withNameFilter("baton-" + OTHER_APP).exec()).isEmpty();
    // One still in use stays (and the call does not fail).
    activities.removeNetworks(APP);
    assertThat(networksOf(first)).containsExactly("baton-" + APP);
  }

  private static Set<String> networksOf(Instance instance) {
    return docker
        .inspectContainerCmd(instance.containerId())
        .exec()
        .getNetworkSettings()
        .getNetworks()
        .keySet();
  }

  /** What GET /health on {@code target}:8080 answers from inside {@code from} (nc, 2 s). */
  private static String fetch(Instance from, String target) throws InterruptedException {
    String request = "printf 'GET /health HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + target + " 8080 2>&1";
    String exec =
        docker
            .execCreateCmd(from.containerId())
            .withCmd("/bin/busybox", "sh", "-c", request)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    StringBuilder out = new StringBuilder();
    docker
        .execStartCmd(exec)
        .exec(
            new ResultCallback.Adapter<Frame>() {
              @Override
              public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              }
            })
        .awaitCompletion(10, TimeUnit.SECONDS);
    return out.toString().trim();
  }

  // ---- health gate

  @Test
  void composeHealthcheckPasses() {
    HealthCheck check =
        new HealthCheck(
            List.of("CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/health || exit 1"),
            500,
            1_000,
            3,
            0,
            false);
    ServiceSpec web = TestSpecs.web(image).healthcheck(check).build();
    long t0 = System.nanoTime();
    Instance running = createAndStart(3, 1, web);
    HealthResult result = activities.awaitHealthy(new HealthWait(running, web, 20_000));
    long took = millisSince(t0);
    assertThat(result.healthy()).as(result.reason()).isTrue();
    assertThat(result.instance().health()).isEqualTo("healthy");
    assertThat(heartbeats).anyMatch(h -> h.startsWith("web r3 slot 1: starting (health: starting"));
    System.out.println("TIMING create+start+healthy (Docker healthcheck 0.5 s): " + took + " ms");
  }

  @Test
  void failingHealthcheckIsUnhealthyWithItsOutput() {
    HealthCheck check =
        new HealthCheck(
            List.of("CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/missing"),
            300,
            1_000,
            2,
            0,
            false);
    ServiceSpec web = TestSpecs.web(image).healthcheck(check).build();
    Instance running = createAndStart(3, 2, web);
    long t0 = System.nanoTime();
    HealthResult result = activities.awaitHealthy(new HealthWait(running, web, 20_000));
    long took = millisSince(t0);
    assertThat(result.healthy()).isFalse();
    assertThat(result.reason()).startsWith("unhealthy: ").contains("404");
    assertThat(took).isLessThan(10_000);
    System.out.println("TIMING unhealthy verdict: " + took + " ms, reason: " + result.reason());
  }

  @Test
  void exitedContainerFailsFast() {
    // A health check holds the gate at "starting": without one the gate passes as soon as the
    // container runs, and on a loaded machine the first inspect can come before the exit.
    HealthCheck check =
        new HealthCheck(List.of("CMD", "/bin/busybox", "true"), 1_000, 1_000, 3, 0, false);
    ServiceSpec crashing =
        TestSpecs.web(image).command(List.of("/bin/sh", "-c", "exit 3")).healthcheck(check).build();
    Instance started = createAndStart(4, 1, crashing);
    long t0 = System.nanoTime();
    HealthResult result = activities.awaitHealthy(new HealthWait(started, crashing, 30_000));
    long took = millisSince(t0);
    assertThat(result.healthy()).isFalse();
    assertThat(result.reason()).isEqualTo("exited with code 3");
    assertThat(took).isLessThan(5_000);
  }

  @Test
  void httpProbeOnThePublishedPortPasses() {
    ServiceSpec web =
        TestSpecs.web(image).probe(new HttpProbe("/health", 8080, 250, 1_000, 20)).build();
    long t0 = System.nanoTime();
    Instance running = createAndStart(5, 1, web);
    HealthResult result = activities.awaitHealthy(new HealthWait(running, web, 20_000));
    assertThat(result.healthy()).as(result.reason()).isTrue();
    System.out.println("TIMING create+start+healthy (HTTP probe): " + millisSince(t0) + " ms");
  }

  @Test
  void httpProbeFailsAfterItsRetries() {
    ServiceSpec web =
        TestSpecs.web(image).probe(new HttpProbe("/missing", 8080, 250, 1_000, 3)).build();
    Instance running = createAndStart(5, 2, web);
    HealthResult result = activities.awaitHealthy(new HealthWait(running, web, 20_000));
    assertThat(result.healthy()).isFalse();
    assertThat(result.reason()).startsWith("probe GET /missing failed 3 times");
  }

  @Test
  void noGateMeansHealthyOnceRunning() {
    ServiceSpec web = TestSpecs.web(image).build();
    Instance running = createAndStart(5, 3, web);
    HealthResult result = activities.awaitHealthy(new HealthWait(running, web, 5_000));
    assertThat(result.healthy()).isTrue();
    assertThat(result.instance().health()).isEqualTo("none");
  }

  // ---- stop / remove / inspect

  @Test
  void stopWithInitIsFast() {
    ServiceSpec web = TestSpecs.web(image).init(true, 10_000).build();
    Instance running = createAndStart(6, 1, web);
    long t0 = System.nanoTime();
    activities.stop(HOST, running.containerId(), 10_000);
    long took = millisSince(t0);
    assertThat(activities.inspect(HOST, running.containerId()).state()).isEqualTo("exited");
    assertThat(took).isLessThan(2_000);
    // A second stop of a stopped container is fine.
    activities.stop(HOST, running.containerId(), 10_000);
    System.out.println("TIMING stop with init: " + took + " ms");
  }

  @Test
  void stopWithoutInitWaitsForTheGrace() {
    ServiceSpec web = TestSpecs.web(image).init(false, 2_000).build();
    Instance running = createAndStart(6, 2, web);
    long t0 = System.nanoTime();
    activities.stop(HOST, running.containerId(), 2_000);
    long took = millisSince(t0);
    assertThat(took).isGreaterThanOrEqualTo(1_900);
    System.out.println("TIMING stop without init (grace 2 s): " + took + " ms");
  }

  @Test
  void missingContainersAreAlreadyStoppedAndRemoved() {
    activities.stop(HOST, "no-such-container-" + APP, 1_000);
    activities.remove(HOST, "no-such-container-" + APP);
    Instance missing = activities.inspect(HOST, "no-such-container-" + APP);
    assertThat(missing.state()).isEqualTo("missing");
    assertThat(missing.health()).isEqualTo("none");
  }

  @Test
  void removeDeletesARunningContainer() {
    Instance running = createAndStart(6, 3, TestSpecs.web(image).build());
    activities.remove(HOST, running.containerId());
    assertThat(activities.inspect(HOST, running.containerId()).state()).isEqualTo("missing");
    activities.remove(HOST, running.containerId());
  }

  @Test
  void unknownHostIsANonRetryableFailure() {
    assertThatThrownBy(() -> activities.inspect("nowhere", "x"))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("UnknownHost");
              assertThat(f.isNonRetryable()).isTrue();
            });
  }

  // ---- list

  @Test
  void listFindsExactlyTheAppsContainers() {
    String app = APP + "l";
    ServiceSpec web = TestSpecs.web(image).build();
    ServiceSpec api = TestSpecs.web(image).named("api").build();
    activities.create(request(app, 7, 1, web));
    Instance started = activities.create(request(app, 7, 2, web));
    activities.start(HOST, started.containerId());
    activities.create(request(app, 8, 1, api));
    activities.create(request(OTHER_APP, 7, 1, web));
    try {
      List<Instance> listed = activities.list(app);
      Set<String> seen =
          listed.stream()
              .map(i -> i.service() + " r" + i.revision() + " s" + i.slot() + " " + i.state())
              .collect(Collectors.toSet());
      assertThat(seen)
          .containsExactlyInAnyOrder("web r7 s1 created", "web r7 s2 running", "api r8 s1 created");
      Instance running = listed.stream().filter(Instance::running).findFirst().orElseThrow();
      assertThat(running.host()).isEqualTo(HOST);
      assertThat(running.address()).matches(Pattern.quote(address) + ":\\d+");
      assertThat(running.health()).isEqualTo("none");
      assertThat(running.containerName()).isEqualTo(app + "-web-r7-2");
    } finally {
      for (Instance i : activities.list(app)) {
        activities.remove(HOST, i.containerId());
      }
    }
  }

  // ---- pull

  @Test
  void pullOfAPresentImageIsANoOp() {
    String idBefore = docker.inspectImageCmd(image).exec().getId();
    long t0 = System.nanoTime();
    activities.pull(HOST, image);
    assertThat(millisSince(t0)).isLessThan(2_000);
    assertThat(heartbeats).noneMatch(h -> h.startsWith("pulling"));
    assertThat(docker.inspectImageCmd(image).exec().getId()).isEqualTo(idBefore);
  }

  @Test
  void pullFetchesAPushedButAbsentImage() throws Exception {
    activities.pull(HOST, image); // the source must be local to be re-tagged
    String[] ref = ImagePuller.repositoryAndTag(image);
    String tag = "pull-" + APP;
    String fresh = ref[0] + ":" + tag;
    docker.tagImageCmd(image, ref[0], tag).exec();
    docker
        .pushImageCmd(ref[0])
        .withTag(tag)
        .exec(new ResultCallback.Adapter<PushResponseItem>())
        .awaitCompletion(60, TimeUnit.SECONDS);
    docker.removeImageCmd(fresh).exec();
    assertThat(ImagePuller.present(docker, fresh)).isFalse();
    try {
      activities.pull(HOST, fresh);
      assertThat(ImagePuller.present(docker, fresh)).isTrue();
    } finally {
      docker.removeImageCmd(fresh).exec();
    }
  }

  @Test
  void pullOfAMissingTagFailsForGood() {
    String[] ref = ImagePuller.repositoryAndTag(image);
    assertThatThrownBy(() -> activities.pull(HOST, ref[0] + ":no-such-tag"))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue());
  }
}

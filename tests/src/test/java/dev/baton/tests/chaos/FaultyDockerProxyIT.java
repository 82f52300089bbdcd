package dev.baton.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.baton.tests.Engines;
import dev.baton.tests.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fault-injecting proxy does what CrashIT counts on, against host1's real engine. */
class FaultyDockerProxyIT {
  private static final Stack stack = Stack.get();
  private static final Path ENGINE =
      Path.of(stack.dockerHosts().get(0).substring("unix://".length()));
  private static final Path SOCKET = Path.of(stack.get("BATON_STACK_DIR"), "h1", "proxy-it.sock");
  private final DockerClient direct = Engines.client("unix://" + ENGINE);
  private final String name = "proxy-it-" + Long.toString(System.nanoTime(), 36);

  @BeforeAll
  static void imagePresent() throws Exception {
    Engines.client("unix://" + ENGINE)
        .pullImageCmd(stack.image("web", "v1"))
        .start()
        .awaitCompletion(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void removeContainer() {
    try {
      direct.removeContainerCmd(name).withForce(true).exec();
    } catch (NotFoundException none) {
      // The test made none.
    }
  }

  private static FaultyDockerProxy proxy(double error500, double reset, double slow)
      throws Exception {
    return FaultyDockerProxy.start(
        SOCKET,
        ENGINE,
        new FaultyDockerProxy.Rates(error500, reset, slow, Duration.ofMillis(700)),
        1);
  }

  @Test
  void aFiveHundredIsTheEnginesErrorShapeAndTheEngineNeverSeesTheCall() throws Exception {
    try (FaultyDockerProxy proxy = proxy(1, 0, 0)) {
      DockerClient docker = Engines.client(proxy.endpoint());
      assertThatThrownBy(() -> docker.createContainerCmd(image()).withName(name).exec())
          .isInstanceOf(InternalServerErrorException.class)
          .hasMessageContaining("injected by FaultyDockerProxy");
      assertThat(proxy.injected(FaultyDockerProxy.Fault.ERROR_500)).isEqualTo(1);
    }
    assertThat(direct.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
        .isEmpty();
  }

  @Test
  void aResetComesAfterTheEngineDidTheWork() throws Exception {
    try (FaultyDockerProxy proxy = proxy(0, 1, 0)) {
      DockerClient docker = Engines.client(proxy.endpoint());
      assertThatThrownBy(() -> docker.createContainerCmd(image()).withName(name).exec())
          .hasMessageContaining("failed to respond");
      assertThat(proxy.injected(FaultyDockerProxy.Fault.RESET)).isEqualTo(1);
    }
    assertThat(direct.inspectContainerCmd(name).exec().getName()).isEqualTo("/" + name);
  }

  @Test
  void aSlowAnswerIsDelayedAndPathsWithEncodedSlashesPass() throws Exception {
    try (FaultyDockerProxy proxy = proxy(0, 0, 1)) {
      DockerClient docker = Engines.client(proxy.endpoint());
      long start = System.nanoTime();
      assertThat(docker.inspectImageCmd(image()).exec().getId()).startsWith("sha256:");
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(700);
      assertThat(proxy.injected(FaultyDockerProxy.Fault.SLOW)).isEqualTo(1);
    }
  }

  @Test
  void withoutFaultsEveryCallPassesAndIsCounted() throws Exception {
    try (FaultyDockerProxy proxy = proxy(0, 0, 0)) {
      DockerClient docker = Engines.client(proxy.endpoint());
      for (int i = 0; i < 5; i++) {
        docker.pingCmd().exec();
      }
      assertThat(proxy.requests()).isEqualTo(5);
    }
  }

  private static String image() {
    return stack.image("web", "v1");
  }
}

package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bin/baton as a CI job runs it, against the real stack: its exit code tells the outcome. Needs
 * cli/target/baton-cli.jar (built by {@code mvn install}, which scripts/test runs first).
 */
class CliIT {
  private final Stack stack = Stack.get();

  record Run(int exit, String output) {}

  private Run baton(String token, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(stack.repo().resolve("bin/baton").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("BATON_URL", stack.batonUrl());
    builder.environment().put("BATON_TOKEN", token);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in 5 minutes");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.exitValue(), output);
  }

  private Path composeFile(String image) throws IOException {
    Path file = Files.createTempFile("baton-cli-", ".yml");
    Files.writeString(file, Apps.web(image));
    file.toFile().deleteOnExit();
    return file;
  }

  @Test
  void waitOnAGoodImageExits0WithProgressLines() throws Exception {
    String app = Apps.fresh("cli-ok");
    Run run =
        baton(
            stack.adminToken(),
            "deploy",
            app,
            "-f",
            composeFile(stack.image("web", "v1")).toString(),
            "--reason",
            "ci",
            "--wait",
            "--timeout",
            "4m");
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("instance.healthy", "SUCCEEDED");

    Run image =
        baton(
            stack.adminToken(),
            "deploy",
            app,
            "--image",
            "web=" + stack.image("web", "v2"),
            "--wait");
    assertThat(image.exit()).as(image.output()).isZero();
    Run apps = baton(stack.adminToken(), "apps");
    assertThat(apps.exit()).isZero();
    assertThat(apps.output()).contains(app);
  }

  @Test
  void waitOnANeverHealthyImageExits1AfterTheRollback() throws Exception {
    String app = Apps.fresh("cli-bad");
    Run good =
        baton(
            stack.adminToken(),
            "deploy",
            app,
            "-f",
            composeFile(stack.image("web", "v1")).toString(),
            "--wait");
    assertThat(good.exit()).as(good.output()).isZero();
    Run bad =
        baton(
            stack.adminToken(),
            "deploy",
            app,
            "--image",
            "web=" + stack.image("never-healthy", "v1"),
            "--wait",
            "--timeout",
            "4m");
    assertThat(bad.exit()).as(bad.output()).isEqualTo(1);
    assertThat(bad.output()).contains("ROLLED_BACK");
    String id = bad.output().replaceAll("(?s).*?operation (\\S+) .*", "$1");
    Run status = baton(stack.adminToken(), "status", id);
    assertThat(status.exit()).as(status.output()).isEqualTo(1);
  }

  @Test
  void aBadTokenExits2() throws Exception {
    Run run =
        baton("not-a-token", "deploy", Apps.fresh("cli-auth"), "--image", "web=x:1", "--wait");
    assertThat(run.exit()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).contains("401");
  }

  @Test
  void aTinyTimeoutExits3() throws Exception {
    String app = Apps.fresh("cli-slow");
    Run run =
        baton(
            stack.adminToken(),
            "deploy",
            app,
            "-f",
            composeFile(stack.image("web", "v1")).toString(),
            "--wait",
            "--timeout",
            "1s");
    assertThat(run.exit()).as(run.output()).isEqualTo(3);
    assertThat(run.output()).contains("timed out");
  }

  @Test
  void hostsListsEveryHostWithItsAddress() throws Exception {
    Run run = baton(stack.adminToken(), "hosts");
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("ADDRESS");
    List<String> names = List.of(stack.get("DOCKER_HOST_NAMES").split(","));
    List<String> addresses = stack.hostAddresses();
    for (int i = 0; i < names.size(); i++) {
      assertThat(run.output())
          .containsPattern(
              names.get(i) + "\\s+READY\\s+" + Pattern.quote(addresses.get(i)) + "\\s");
    }
  }

  @Test
  void usageErrorsExit2() throws Exception {
    Run run = baton(stack.adminToken(), "deploy");
    assertThat(run.exit()).as(run.output()).isEqualTo(2);
  }
}

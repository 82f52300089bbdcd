package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Usage errors and exit codes that need no server (the rest is in tests/CliIT). */
class BatonCliTest {

  @Test
  void usageErrorsExit2() {
    assertThat(BatonCli.run()).isEqualTo(2);
    assertThat(BatonCli.run("frobnicate")).isEqualTo(2);
    assertThat(BatonCli.run("deploy", "shop")).as("needs -f or --image").isEqualTo(2);
    assertThat(BatonCli.run("deploy", "shop", "-f", "a.yml", "--image", "web=x"))
        .as("-f and --image exclude each other")
        .isEqualTo(2);
    assertThat(BatonCli.run("status", "op", "--timeout", "soon")).isEqualTo(2);
    assertThat(BatonCli.run("backup", "shop")).as("needs a volume").isEqualTo(2);
    assertThat(BatonCli.run("restore", "shop", "data")).as("needs a backup id").isEqualTo(2);
  }

  @Test
  void unreachableBatonExits2() {
    assertThat(BatonCli.run("apps", "--url", "http://127.0.0.1:9", "--token", "t")).isEqualTo(2);
  }

  @Test
  void helpExits0() {
    assertThat(BatonCli.run("--help")).isEqualTo(0);
  }

  @Test
  void outcomesMapToExitCodes() {
    assertThat(ExitCodes.forStatus("SUCCEEDED")).isEqualTo(0);
    assertThat(ExitCodes.forStatus("RUNNING")).isEqualTo(0);
    assertThat(ExitCodes.forStatus("ROLLED_BACK")).isEqualTo(1);
    assertThat(ExitCodes.forStatus("FAILED")).isEqualTo(1);
    assertThat(ExitCodes.forStatus("ABORTED")).isEqualTo(1);
  }

  @Test
  void durations() {
    Durations d = new Durations();
    assertThat(d.convert("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(d.convert("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(d.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(d.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> d.convert("1 day")).isInstanceOf(TypeConversionException.class);
  }
}

package dev.baton.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpecValuesTest {

  @Test
  void durations() {
    assertThat(SpecValues.durationMillis("1s")).isEqualTo(1_000);
    assertThat(SpecValues.durationMillis("1m30s")).isEqualTo(90_000);
    assertThat(SpecValues.durationMillis("500ms")).isEqualTo(500);
    assertThat(SpecValues.durationMillis("1h")).isEqualTo(3_600_000);
    assertThat(SpecValues.durationMillis("1.5s")).isEqualTo(1_500);
    assertThat(SpecValues.durationMillis("2h1m0s")).isEqualTo(7_260_000);
    assertThat(SpecValues.durationMillis("0")).isZero();
    assertThat(SpecValues.durationMillis("0s")).isZero();
    assertThat(SpecValues.durationMillis("1500us")).isEqualTo(2);
    for (String bad : new String[] {"", "10", "5 s", "1x", "-1s", "s", "1s2", "1d", "10S"}) {
      assertThatThrownBy(() -> SpecValues.durationMillis(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid duration");
    }
    assertThatThrownBy(() -> SpecValues.durationMillis("200h"))
        .hasMessageContaining("longer than 7 days");
  }

  @Test
  void byteSizes() {
    assertThat(SpecValues.bytes("1048576")).isEqualTo(1_048_576);
    assertThat(SpecValues.bytes("100k")).isEqualTo(102_400);
    assertThat(SpecValues.bytes("512m")).isEqualTo(512L * 1024 * 1024);
    assertThat(SpecValues.bytes("512M")).isEqualTo(512L * 1024 * 1024);
    assertThat(SpecValues.bytes("1g")).isEqualTo(1L << 30);
    assertThat(SpecValues.bytes("1gb")).isEqualTo(1L << 30);
    assertThat(SpecValues.bytes("2MiB")).isEqualTo(2L << 20);
    assertThat(SpecValues.bytes("1.5g")).isEqualTo(3L << 29);
    assertThat(SpecValues.bytes("10b")).isEqualTo(10);
    for (String bad : new String[] {"", "m", "1x", "-5m", "1 gig", "5i"}) {
      assertThatThrownBy(() -> SpecValues.bytes(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shellSplit() {
    assertThat(SpecValues.shellSplit("echo hello  world"))
        .containsExactly("echo", "hello", "world");
    assertThat(SpecValues.shellSplit("sh -c 'echo $HOME; exit 1'"))
        .containsExactly("sh", "-c", "echo $HOME; exit 1");
    assertThat(SpecValues.shellSplit("a \"b \\\"c\\\" d\" e\\ f ''"))
        .containsExactly("a", "b \"c\" d", "e f", "");
    assertThat(SpecValues.shellSplit("  ")).isEmpty();
    assertThatThrownBy(() -> SpecValues.shellSplit("echo 'oops"))
        .hasMessageContaining("unterminated single quote");
    assertThatThrownBy(() -> SpecValues.shellSplit("echo \"oops"))
        .hasMessageContaining("unterminated double quote");
  }

  @Test
  void dnsLabels() {
    assertThat(SpecValues.isDnsLabel("web")).isTrue();
    assertThat(SpecValues.isDnsLabel("web-2")).isTrue();
    assertThat(SpecValues.isDnsLabel("a".repeat(63))).isTrue();
    assertThat(SpecValues.isDnsLabel("a".repeat(64))).isFalse();
    assertThat(SpecValues.isDnsLabel("-web")).isFalse();
    assertThat(SpecValues.isDnsLabel("web-")).isFalse();
    assertThat(SpecValues.isDnsLabel("Web")).isFalse();
    assertThat(SpecValues.isDnsLabel("web_1")).isFalse();
    assertThat(SpecValues.isDnsLabel("")).isFalse();
  }

  @Test
  void imageReferences() {
    SpecValues.checkImage("nginx");
    SpecValues.checkImage("nginx:1.27-alpine");
    SpecValues.checkImage("127.0.0.1:5000/demo/web:v2");
    SpecValues.checkImage("ghcr.io/acme/api@sha256:" + "a".repeat(64));
    SpecValues.checkImage("registry.local/team/app:1.0@sha256:" + "0".repeat(64));
    for (String bad :
        new String[] {
          "Nginx", "nginx:", "nginx::1", "-nginx", "nginx:${TAG}", "a b", "nginx@sha256:12"
        }) {
      assertThatThrownBy(() -> SpecValues.checkImage(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> SpecValues.checkImage(" ")).hasMessageContaining("empty");
  }
}

package dev.baton.activities.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.activities.ServingBook.Endpoint;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HaproxyConfigTest {

  @Test
  void aFrontendPerContainerPortOverEveryInstanceInService() {
    String cfg =
        HaproxyConfig.render(
            "shop",
            "web",
            new TreeSet<>(List.of(8080, 9090)),
            List.of(
                new Endpoint(8080, 80, "", "172.30.0.12:32768", null),
                new Endpoint(9090, 0, "", "172.30.0.12:32769", null),
                new Endpoint(8080, 80, "", "172.30.0.11:32770", null)));
    assertThat(cfg)
        .contains("frontend p8080\n  bind :8080\n  default_backend s8080\n")
        .contains(
            "backend s8080\n  balance roundrobin\n"
                + "  server i-172.30.0.11-32770 172.30.0.11:32770 check\n"
                + "  server i-172.30.0.12-32768 172.30.0.12:32768 check\n")
        .contains("backend s9090\n  balance roundrobin\n  server i-172.30.0.12-32769")
        .contains("retries 3", "option redispatch", "hard-stop-after");
  }

  @Test
  void aServiceWithNoInstanceInServiceKeepsItsFrontendsWithAnEmptyBackend() {
    String cfg = HaproxyConfig.render("shop", "web", new TreeSet<>(List.of(8080)), List.of());
    assertThat(cfg)
        .contains("frontend p8080")
        .contains("backend s8080")
        .doesNotContain("server i-");
  }

  @Test
  void theSameStateRendersTheSameText() {
    var a = List.of(new Endpoint(80, 0, "", "h2:1", null), new Endpoint(80, 0, "", "h1:1", null));
    var b = List.of(a.get(1), a.get(0));
    assertThat(HaproxyConfig.render("a", "s", new TreeSet<>(List.of(80)), a))
        .isEqualTo(HaproxyConfig.render("a", "s", new TreeSet<>(List.of(80)), b));
  }
}

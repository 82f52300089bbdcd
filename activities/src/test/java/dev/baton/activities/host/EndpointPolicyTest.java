package dev.baton.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointPolicyTest {
  private static final Map<String, String> ALLOW = Map.of(EndpointPolicy.PLAIN_TCP_LABEL, "true");
  private static final Map<String, String> TLS = Map.of(EndpointPolicy.TLS_LABEL, "/etc/certs");

  @Test
  void unixSocketsAndTlsAreJoined() {
    assertThat(EndpointPolicy.refusal("unix:///var/run/docker.sock", Map.of(), "")).isNull();
    assertThat(EndpointPolicy.refusal("tcp://10.0.0.5:2376", TLS, "")).isNull();
    assertThat(EndpointPolicy.refusal("tcp://10.0.0.5:2376", Map.of(), "/default/certs")).isNull();
  }

  @Test
  void plainTcpOnlyToLoopbackAndOnlyWhenLabelled() {
    assertThat(EndpointPolicy.refusal("tcp://127.0.0.1:2375", ALLOW, "")).isNull();
    assertThat(EndpointPolicy.refusal("tcp://localhost:2375", ALLOW, "")).isNull();
    assertThat(EndpointPolicy.refusal("tcp://127.0.0.1:2375", Map.of(), ""))
        .contains("plain TCP to a Docker engine is refused")
        .contains(EndpointPolicy.PLAIN_TCP_LABEL + "=true");
    assertThat(EndpointPolicy.refusal("tcp://10.0.0.5:2375", ALLOW, ""))
        .contains("plain TCP to a Docker engine is refused")
        .doesNotContain(EndpointPolicy.PLAIN_TCP_LABEL);
  }

  @Test
  void otherSchemesAndEmptyEndpointsAreRefused() {
    assertThat(EndpointPolicy.refusal("http://10.0.0.5:2375", TLS, "")).contains("must be unix");
    assertThat(EndpointPolicy.refusal("", Map.of(), "")).isEqualTo("endpoint is required");
    assertThat(EndpointPolicy.refusal("unix://", Map.of(), "")).contains("socket path");
  }
}

package dev.baton.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsProblemTest {
  @Test
  void aTlsCauseDeepInTheChainIsNamedWithTheFix() {
    RuntimeException failure =
        new RuntimeException(
            new IOException(new SSLHandshakeException("Received fatal alert: bad_certificate")));

    assertThat(TlsProblem.describe("tcp://127.0.0.1:2376", "/certs", failure))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .startsWith("TLS with tcp://127.0.0.1:2376 failed (SSLHandshakeException:")
                    .contains("bad_certificate", "client certificate in /certs", "/certs/ca.pem"));
  }

  @Test
  void otherFailuresAreNotTlsProblems() {
    assertThat(
            TlsProblem.describe(
                "tcp://127.0.0.1:2376",
                "/certs",
                new RuntimeException(new ConnectException("refused"))))
        .isEmpty();
  }
}

package dev.baton.activities.host;

import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Says, in words an operator can act on, why a TLS connection to an engine failed. docker-java
 * wraps the JSSE exception a few levels deep (and a rejected client certificate reads only "bad
 * certificate"), so the cause chain is searched and the usual fixes are named.
 */
final class TlsProblem {
  private TlsProblem() {}

  /** Empty when {@code failure} has no TLS or certificate cause. */
  static Optional<String> describe(String endpoint, String certPath, Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof SSLException || t instanceof GeneralSecurityException) {
        return Optional.of(
            "TLS with "
                + endpoint
                + " failed ("
                + t.getClass().getSimpleName()
                + ": "
                + t.getMessage()
                + "): the engine must trust the CA that signed the client certificate in "
                + certPath
                + " (dockerd --tlscacert), and "
                + certPath
                + "/ca.pem must be the CA that signed the engine's certificate, which must name"
                + " the endpoint's address");
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}

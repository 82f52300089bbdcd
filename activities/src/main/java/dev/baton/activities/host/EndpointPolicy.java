package dev.baton.activities.host;

import java.net.URI;
import java.util.Map;

/**
 * Which Docker endpoints Baton joins: a unix socket, or TCP with TLS (a cert folder with ca.pem,
 * cert.pem and key.pem, from the host's label {@value #TLS_LABEL} or Baton's default). Plain TCP
 * gives root on the host to anyone on the network, so it is refused, except to a loopback address
 * when the host is labelled {@value #PLAIN_TCP_LABEL}{@code =true}.
 */
public final class EndpointPolicy {
  public static final String TLS_LABEL = "baton.tls.cert-path";
  public static final String PLAIN_TCP_LABEL = "baton.allow-plain-tcp";

  private EndpointPolicy() {}

  /** Null when Baton may join the endpoint, else why not. */
  public static String refusal(String endpoint, Map<String, String> labels, String defaultTls) {
    if (endpoint == null || endpoint.isBlank()) {
      return "endpoint is required";
    }
    if (endpoint.startsWith("unix://")) {
      return endpoint.length() > "unix://".length() ? null : "unix:// needs a socket path";
    }
    if (!endpoint.startsWith("tcp://")) {
      return "endpoint must be unix:///path/docker.sock or tcp://host:port, not " + endpoint;
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    String tls = l.get(TLS_LABEL);
    if ((tls != null && !tls.isBlank()) || (defaultTls != null && !defaultTls.isBlank())) {
      return null;
    }
    String host;
    try {
      host = URI.create(endpoint).getHost();
    } catch (IllegalArgumentException e) {
      return "endpoint " + endpoint + " is not a valid URI";
    }
    boolean loopback =
        host != null
            && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    if (loopback && "true".equals(l.get(PLAIN_TCP_LABEL))) {
      return null;
    }
    return "plain TCP to a Docker engine is refused: give the host TLS client certificates (label "
        + TLS_LABEL
        + ")"
        + (loopback ? " or allow it for loopback with label " + PLAIN_TCP_LABEL + "=true" : "");
  }
}

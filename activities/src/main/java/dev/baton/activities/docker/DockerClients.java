package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.baton.activities.HostDirectory;
import dev.baton.workflows.model.Host;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One {@link DockerClient} per host endpoint, built on first use and kept: clients hold connection
 * pools, so making one per activity call would leak sockets.
 *
 * <p>The API version is pinned (default {@value #DEFAULT_API_VERSION}, Engine 20.10) rather than
 * taken from docker-java's default, which may be newer than the engines Baton drives. A {@code
 * tcp://} endpoint uses TLS when a cert folder (ca.pem, cert.pem, key.pem) is known: the host's
 * label {@value #TLS_CERT_PATH_LABEL}, else the default cert path given to the constructor.
 */
@Component
public class DockerClients implements AutoCloseable {

  public static final String DEFAULT_API_VERSION = "1.41";
  public static final String TLS_CERT_PATH_LABEL = "baton.tls.cert-path";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Bounds every HTTP call, including {@code stop}, which answers only after the grace period:
   * grace periods longer than this need a larger value.
   */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private final HostDirectory hosts;
  private final String apiVersion;
  private final String defaultTlsCertPath;
  private final Map<String, DockerClient> byEndpoint = new ConcurrentHashMap<>();

  public DockerClients(HostDirectory hosts) {
    this(hosts, DEFAULT_API_VERSION, "");
  }

  @Autowired
  public DockerClients(
      HostDirectory hosts,
      @Value("${baton.docker.api-version:" + DEFAULT_API_VERSION + "}") String apiVersion,
      @Value("${baton.docker.tls-cert-path:}") String defaultTlsCertPath) {
    this.hosts = hosts;
    this.apiVersion = apiVersion;
    this.defaultTlsCertPath = defaultTlsCertPath == null ? "" : defaultTlsCertPath;
  }

  /** The client for a host known to the {@link HostDirectory}; unknown hosts never retry. */
  public DockerClient forHost(String hostName) {
    return forHost(host(hostName));
  }

  public DockerClient forHost(Host host) {
    String tls = tlsCertPath(host.labels());
    // Keyed by endpoint and certificates: two hosts at one endpoint with other client certificates
    // (one of them wrong) must not share a connection pool.
    return byEndpoint.computeIfAbsent(
        host.endpoint() + " " + tls, key -> build(host.endpoint(), tls));
  }

  /** The host's own client certificates ({@value #TLS_CERT_PATH_LABEL}), else the default. */
  public String tlsCertPath(@Nullable Map<String, String> labels) {
    String certPath = labels == null ? null : labels.get(TLS_CERT_PATH_LABEL);
    return certPath != null && !certPath.isBlank() ? certPath : defaultTlsCertPath;
  }

  /** {@code baton.docker.tls-cert-path}: "" when hosts without their own label speak plain TCP. */
  public String defaultTlsCertPath() {
    return defaultTlsCertPath;
  }

  /** The oldest Docker API a host may speak. */
  public String apiVersion() {
    return apiVersion;
  }

  public Host host(String hostName) {
    return hosts
        .find(hostName)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "unknown Docker host '" + hostName + "'", "UnknownHost"));
  }

  private DockerClient build(String endpoint, String tlsCertPath) {
    boolean tls = endpoint.startsWith("tcp://") && !tlsCertPath.isBlank();
    DefaultDockerClientConfig.Builder config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(endpoint)
            .withApiVersion(apiVersion)
            // Explicit, so a DOCKER_TLS_VERIFY in Baton's own environment cannot leak in.
            .withDockerTlsVerify(tls);
    if (tls) {
      config.withDockerCertPath(tlsCertPath);
    }
    DefaultDockerClientConfig built = config.build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(URI.create(endpoint))
            .sslConfig(built.getSSLConfig())
            .maxConnections(50)
            .connectionTimeout(CONNECT_TIMEOUT)
            .responseTimeout(RESPONSE_TIMEOUT)
            .build();
    return DockerClientImpl.getInstance(built, http);
  }

  @Override
  public void close() {
    for (DockerClient client : byEndpoint.values()) {
      try {
        client.close();
      } catch (IOException ignored) {
        // Shutting down: nothing useful to do with a failed close.
      }
    }
    byEndpoint.clear();
  }
}

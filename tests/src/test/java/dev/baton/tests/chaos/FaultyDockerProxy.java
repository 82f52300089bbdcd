package dev.baton.tests.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A Docker API proxy on a unix socket in front of a real engine's socket that fails a fraction of
 * the requests (not connections), each drawn on its own:
 *
 * <ul>
 *   <li>{@link Fault#ERROR_500}: answered by the proxy, as the engine does, with status 500 and a
 *       {@code {"message": ...}} body; the engine never sees the request.
 *   <li>{@link Fault#RESET}: forwarded, so the engine does the work, then the client's connection
 *       is closed without an answer (a unix socket has no RST: the client reads end-of-stream where
 *       it waits for the status line, which is what a dying engine or proxy looks like).
 *   <li>{@link Fault#SLOW}: forwarded after a delay.
 * </ul>
 *
 * Streaming endpoints ({@code /events}, {@code /containers/{id}/wait}, logs, stats, attach, exec
 * start) pass through untouched: they are long polls, not calls that answer.
 */
final class FaultyDockerProxy implements AutoCloseable {

  enum Fault {
    ERROR_500,
    RESET,
    SLOW
  }

  /** Fractions of requests for each fault (their sum at most 1) and the slow answer's delay. */
  record Rates(double error500, double reset, double slow, Duration delay) {}

  private static final Pattern STREAMING =
      Pattern.compile(
          "(/v[0-9.]+)?/(events|containers/[^/]+/(wait|attach|logs|stats)|exec/[^/]+/start)");
  private static final String RESET_ATTRIBUTE = FaultyDockerProxy.class.getName() + ".reset";

  private final Server server = new Server();
  private final Path socket;
  private final Rates rates;
  private final Random random;
  private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean enabled = true;

  private FaultyDockerProxy(Path socket, Rates rates, long seed) {
    this.socket = socket;
    this.rates = rates;
    this.random = new Random(seed);
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicInteger());
    }
  }

  /** Listens on {@code socket} and forwards to the engine listening on {@code engine}. */
  static FaultyDockerProxy start(Path socket, Path engine, Rates rates, long seed)
      throws Exception {
    FaultyDockerProxy proxy = new FaultyDockerProxy(socket, rates, seed);
    Files.deleteIfExists(socket);
    UnixDomainServerConnector connector =
        new UnixDomainServerConnector(proxy.server, new HttpConnectionFactory(httpConfiguration()));
    connector.setUnixDomainPath(socket);
    // The events stream may be quiet for minutes; docker-java has its own timeouts.
    connector.setIdleTimeout(Duration.ofMinutes(10).toMillis());
    proxy.server.addConnector(connector);
    proxy.server.setHandler(proxy.new Forwarder(engine));
    proxy.server.start();
    return proxy;
  }

  /**
   * Passes every URI the engine accepts: image names go into paths with an encoded slash ({@code
   * /images/127.0.0.1:5000%2Fweb:v1/json}), which Jetty refuses by default.
   */
  private static HttpConfiguration httpConfiguration() {
    HttpConfiguration config = new HttpConfiguration();
    config.setUriCompliance(UriCompliance.UNSAFE);
    return config;
  }

  String endpoint() {
    return "unix://" + socket;
  }

  /** From now on every request is forwarded as it is. */
  void disable() {
    enabled = false;
  }

  int requests() {
    return requests.get();
  }

  int injected(Fault fault) {
    return injected.get(fault).get();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    Files.deleteIfExists(socket);
  }

  /** Which fault the next call gets, or null. Synchronized: one seeded sequence. */
  private synchronized Fault draw() {
    double r = random.nextDouble();
    if (r < rates.error500()) {
      return Fault.ERROR_500;
    }
    if (r < rates.error500() + rates.reset()) {
      return Fault.RESET;
    }
    if (r < rates.error500() + rates.reset() + rates.slow()) {
      return Fault.SLOW;
    }
    return null;
  }

  private final class Forwarder extends ProxyHandler.Reverse {
    private final Path engine;

    Forwarder(Path engine) {
      // The engine ignores the authority: only the path and query matter.
      super(r -> HttpURI.build(r.getHttpURI()).scheme("http").host("docker").port(80));
      this.engine = engine;
    }

    @Override
    protected void configureHttpClient(HttpClient httpClient) {
      super.configureHttpClient(httpClient);
      httpClient.setIdleTimeout(Duration.ofMinutes(10).toMillis());
    }

    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(
        Request clientToProxyRequest, HttpURI newHttpURI) {
      return super.newProxyToServerRequest(clientToProxyRequest, newHttpURI)
          .transport(new Transport.TCPUnix(engine))
          .timeout(0, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (!enabled || STREAMING.matcher(request.getHttpURI().getPath()).matches()) {
        return super.handle(request, response, callback);
      }
      requests.incrementAndGet();
      Fault fault = draw();
      if (fault == null) {
        return super.handle(request, response, callback);
      }
      injected.get(fault).incrementAndGet();
      switch (fault) {
        case ERROR_500 -> {
          response.setStatus(500);
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
          Content.Sink.write(
              response, true, "{\"message\":\"injected by FaultyDockerProxy\"}\n", callback);
          return true;
        }
        case RESET -> {
          request.setAttribute(RESET_ATTRIBUTE, Boolean.TRUE);
          return super.handle(request, response, callback);
        }
        case SLOW -> {
          try {
            Thread.sleep(rates.delay().toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return super.handle(request, response, callback);
        }
      }
      throw new IllegalStateException("unknown fault " + fault);
    }

    @Override
    protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(
        Request clientToProxyRequest,
        org.eclipse.jetty.client.Request proxyToServerRequest,
        Response proxyToClientResponse,
        Callback proxyToClientCallback) {
      if (clientToProxyRequest.getAttribute(RESET_ATTRIBUTE) == null) {
        return super.newServerToProxyResponseListener(
            clientToProxyRequest,
            proxyToServerRequest,
            proxyToClientResponse,
            proxyToClientCallback);
      }
      // The engine has done the work (its whole answer was read and dropped): now hang up.
      return result -> {
        clientToProxyRequest.getConnectionMetaData().getConnection().getEndPoint().close();
        proxyToClientCallback.failed(new IOException("connection reset by FaultyDockerProxy"));
      };
    }
  }
}

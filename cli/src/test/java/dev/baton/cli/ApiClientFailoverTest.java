package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several replicas' URLs, against real HTTP servers on loopback. */
class ApiClientFailoverTest {
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

  /** What each live server received: "METHOD path key". */
  private final List<String> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void aReadMovesPastARefusedReplicaAndStaysWithTheOneThatAnswered() throws IOException {
    ApiClient api = new ApiClient(refused() + ", " + answering("b"), "t");

    assertThat(api.get("/api/v1/apps", Duration.ofSeconds(5)).path("from").asText()).isEqualTo("b");
    assertThat(api.get("/api/v1/apps", Duration.ofSeconds(5)).path("from").asText()).isEqualTo("b");
    assertThat(received).containsExactly("GET /api/v1/apps -", "GET /api/v1/apps -");
  }

  @Test
  void aWriteMovesOnOnlyWhenTheConnectionWasRefused() throws IOException {
    ApiClient refusedFirst = new ApiClient(refused() + "," + answering("b"), "t");
    refusedFirst.postEmpty("/api/v1/operations/x/pause");
    assertThat(received).containsExactly("POST /api/v1/operations/x/pause -");

    received.clear();
    ApiClient droppedFirst = new ApiClient(dropping() + "," + answering("c"), "t");
    assertThatThrownBy(() -> droppedFirst.postEmpty("/api/v1/operations/x/pause"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("cannot reach Baton");
    assertThat(received).as("it may have arrived: never sent twice").isEmpty();
  }

  @Test
  void aWriteWithAnIdempotencyKeyMovesOnWhateverHappened() throws IOException {
    ApiClient api = new ApiClient(dropping() + "," + answering("b"), "t");

    api.post("/api/v1/apps/shop/deployments", "application/json", "{}", "key-1");

    assertThat(received).containsExactly("POST /api/v1/apps/shop/deployments key-1");
  }

  @Test
  void everyReplicaDownNamesThemAll() throws IOException {
    String a = refused();
    String b = refused();
    ApiClient api = new ApiClient(a + "," + b, "t");

    assertThatThrownBy(() -> api.get("/api/v1/apps", Duration.ofSeconds(5)))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining(a)
        .hasMessageContaining(b);
  }

  /** A URL nothing listens on. */
  private static String refused() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  /** A replica that answers {"from": name}. */
  private String answering(String name) throws IOException {
    return serve(
        exchange -> {
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + (exchange.getRequestHeaders().containsKey("Idempotency-Key")
                      ? exchange.getRequestHeaders().getFirst("Idempotency-Key")
                      : "-"));
          byte[] body = ("{\"from\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
  }

  /** A replica that takes the request and dies before answering. */
  private String dropping() throws IOException {
    return serve(
        exchange -> {
          throw new IllegalStateException("killed mid-request");
        });
  }

  private String serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", handler);
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}

package dev.baton.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Docker engine of the test's own on a loopback TCP port with {@code --tlsverify}, set up as
 * scripts/lib/engines.sh sets up the stack's engines (its own data root, exec root, pid file and
 * bridge), but in this machine's network namespace: a host whose address is 127.0.0.1. The bridge
 * takes a free 172.31.x.1/24 with x ≥ 100 (stack slots use x ≤ 52), and its user-defined networks
 * the next free one. {@link #close} stops the engine and removes the bridge and folders, whatever
 * state it got to.
 */
final class TlsEngine implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration STOP = Duration.ofSeconds(40);

  final int port;
  final String endpoint;
  private final Path dir;
  private final Path execRoot;
  private final String bridge;
  private final List<String> problems = new ArrayList<>();
  private Process dockerd;
  private boolean bridgeCreated;

  private TlsEngine(int port, Path dir) {
    this.port = port;
    this.endpoint = "tcp://127.0.0.1:" + port;
    this.dir = dir;
    this.execRoot = Path.of("/run/btls-" + port);
    this.bridge = "btls" + port;
  }

  /** Starts dockerd in {@code dir} with the server certificates in {@code server}. */
  static TlsEngine start(Path dir, Path server, Path clientCerts) throws IOException {
    TlsEngine engine = new TlsEngine(freePort(), dir);
    try {
      engine.launch(server, clientCerts);
    } catch (RuntimeException | IOException | Error e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  private void launch(Path server, Path clientCerts) throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(execRoot);
    Files.writeString(dir.resolve("daemon.json"), "{}\n");
    List<String> subnets = freeSubnets(2);
    String cidr = subnets.get(0).replace(".0/24", ".1/24");
    run("ip", "link", "add", bridge, "type", "bridge");
    bridgeCreated = true;
    run("ip", "addr", "add", cidr, "dev", bridge);
    run("ip", "link", "set", bridge, "up");
    dockerd =
        new ProcessBuilder(
                "/usr/sbin/dockerd",
                "--config-file",
                dir.resolve("daemon.json").toString(),
                "--data-root",
                dir.resolve("data").toString(),
                "--exec-root",
                execRoot.toString(),
                "--pidfile",
                dir.resolve("docker.pid").toString(),
                "-H",
                endpoint,
                "--tlsverify",
                "--tlscacert",
                server.resolve("ca.pem").toString(),
                "--tlscert",
                server.resolve("cert.pem").toString(),
                "--tlskey",
                server.resolve("key.pem").toString(),
                "-b",
                bridge,
                "--iptables=false",
                "--ip-masq=false",
                // The stack's registry is on its LAN address, which only loopback is trusted by
                // default for plain HTTP.
                "--insecure-registry",
                Stack.get().registry(),
                // Its own pool for the networks Baton creates (its own and one per app, four /26s):
                // the default pools may all overlap the routes of the other engines here.
                "--default-address-pool",
                "base=" + subnets.get(1) + ",size=26")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dockerd.log").toFile())
            .start();
    long until = System.nanoTime() + START.toNanos();
    try (DockerClient docker = client(clientCerts)) {
      while (true) {
        try {
          docker.pingCmd().exec();
          return;
        } catch (RuntimeException notYet) {
          if (!dockerd.isAlive() || System.nanoTime() > until) {
            throw new AssertionError(
                "dockerd on " + endpoint + " did not answer over TLS: " + logTail(), notYet);
          }
          BatonApi.sleep(200);
        }
      }
    }
  }

  /** A client of this engine with the client certificates in {@code certs}. */
  DockerClient client(Path certs) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(endpoint)
            .withDockerTlsVerify(true)
            .withDockerCertPath(certs.toString())
            .withApiVersion("1.41")
            .build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("dockerd.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops dockerd (TERM, then KILL after 40 s), removes the bridge and the folders. */
  @Override
  public void close() {
    if (dockerd != null && dockerd.isAlive()) {
      dockerd.destroy();
      try {
        if (!dockerd.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
          problems.add("dockerd did not stop within " + STOP + ": killed");
          dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (bridgeCreated) {
      Cli.Result r = Cli.run(List.of("ip", "link", "del", bridge), 30);
      if (r.exit() != 0) {
        problems.add("ip link del " + bridge + ": " + r.output());
      }
    }
    for (Path p : List.of(execRoot, dir)) {
      Cli.Result r = Cli.run(List.of("rm", "-rf", "--one-file-system", p.toString()), 60);
      if (r.exit() != 0) {
        problems.add("rm -rf " + p + ": " + r.output());
      }
    }
  }

  /** What went wrong during {@link #close}, if anything. */
  List<String> problems() {
    return problems;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** {@code n} 172.31.x.0/24 with x in 100..249 that no interface on this machine uses. */
  private static List<String> freeSubnets(int n) {
    String used = run("ip", "-o", "-4", "addr", "show");
    List<String> out = new ArrayList<>();
    int first = (int) (ProcessHandle.current().pid() % 150);
    for (int i = 0; i < 150 && out.size() < n; i++) {
      int third = 100 + (first + i) % 150;
      if (!used.contains(" 172.31." + third + ".")) {
        out.add("172.31." + third + ".0/24");
      }
    }
    if (out.size() < n) {
      throw new AssertionError("no free 172.31.100-249.0/24 for the TLS engine: " + used);
    }
    return out;
  }

  private static String run(String... command) {
    Cli.Result r = Cli.run(List.of(command), 30);
    if (r.exit() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + r.output());
    }
    return r.output();
  }
}

package dev.baton.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Direct access to the stack's Docker engines, to check what Baton did against the truth. */
public final class Engines {
  private final Map<String, DockerClient> clients = new LinkedHashMap<>();

  public Engines(Stack stack) {
    String[] names =
        stack.get("DOCKER_HOST_NAMES") == null
            ? new String[0]
            : stack.get("DOCKER_HOST_NAMES").split(",");
    List<String> endpoints = stack.dockerHosts();
    for (int i = 0; i < endpoints.size(); i++) {
      String name = i < names.length ? names[i].trim() : "host" + (i + 1);
      clients.put(name, client(endpoints.get(i)));
    }
  }

  public static DockerClient client(String endpoint) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(endpoint)
            .withApiVersion("1.41")
            .build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofSeconds(60))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  public Map<String, DockerClient> clients() {
    return clients;
  }

  /** A container with the host it runs on. */
  public record Placed(String host, Container container) {
    public String label(String key) {
      return container.getLabels().get(key);
    }

    public boolean running() {
      return "running".equals(container.getState());
    }

    /** ip:port of the first published port (on its host's address), or null. */
    public String address() {
      for (var port : container.getPorts()) {
        if (port.getPublicPort() != null) {
          return port.getIp() + ":" + port.getPublicPort();
        }
      }
      return null;
    }
  }

  /** Every container (running or not) with the app's label, on every host. */
  public List<Placed> containers(String app) {
    return list(app, false);
  }

  /** The same, on the hosts that answer: a stopped engine contributes nothing. */
  public List<Placed> containersOnAnsweringHosts(String app) {
    return list(app, true);
  }

  private List<Placed> list(String app, boolean skipDown) {
    List<Placed> out = new ArrayList<>();
    clients.forEach(
        (host, client) -> {
          try {
            client
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("baton.app", app))
                .exec()
                .forEach(c -> out.add(new Placed(host, c)));
          } catch (RuntimeException down) {
            if (!skipDown) {
              throw down;
            }
          }
        });
    return out;
  }

  /** Removes every container of the app, so each test starts clean. */
  public void purge(String app) {
    for (Placed p : containers(app)) {
      clients.get(p.host()).removeContainerCmd(p.container().getId()).withForce(true).exec();
    }
  }

  /** What {@code cmd} run in the container prints (stdout and stderr), waited for 10 s at most. */
  public static String exec(DockerClient docker, String containerId, String... cmd)
      throws InterruptedException {
    String exec =
        docker
            .execCreateCmd(containerId)
            .withCmd(cmd)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    StringBuilder out = new StringBuilder();
    docker
        .execStartCmd(exec)
        .exec(
            new ResultCallback.Adapter<Frame>() {
              @Override
              public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              }
            })
        .awaitCompletion(10, TimeUnit.SECONDS);
    return out.toString().trim();
  }
}

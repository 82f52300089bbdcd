package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.NetworkAttachment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The container of one service's balancer on one host: HAProxy on the app's network under the
 * service's name (so {@code web:8080} from any container of the app reaches it), publishing what
 * the service publishes on the host's address. Its ports are in a label, so a balancer whose ports
 * no longer match the service's is recognised and made again.
 */
final class BalancerContainer {

  /** Marks a balancer (value: its app); it is never taken for an instance. */
  static final String LABEL = "baton.balancer";

  static final String SERVICE_LABEL = "baton.balancer.service";
  static final String PORTS_LABEL = "baton.balancer.ports";
  static final String NETWORKS_LABEL = "baton.balancer.networks";

  /** A TCP port of the service: the container port and what is published of it on every host. */
  record Port(int target, int published, String hostIp) implements Comparable<Port> {
    /** The address it is published on: its host_ip, or the host's address. */
    String bindIp(Host host) {
      return hostIp.isBlank() ? host.address() : hostIp;
    }

    @Override
    public int compareTo(Port o) {
      return toString().compareTo(o.toString());
    }
  }

  /** What the balancer answers to on one of its networks: the service's name, then its aliases. */
  static List<String> names(String service, NetworkAttachment network) {
    List<String> names = new ArrayList<>(List.of(service));
    names.addAll(network.aliases());
    return names;
  }

  /** A balancer found on a host, with the ports and networks it was made for. */
  record Found(String id, Set<Port> ports, List<NetworkAttachment> networks, boolean running) {}

  private BalancerContainer() {}

  static String name(String app, String service) {
    return "baton-lb-" + app + "-" + service;
  }

  static Optional<Found> find(DockerClient docker, String app, String service) {
    return ContainerByName.find(docker, name(app, service))
        .map(
            c ->
                new Found(
                    c.getId(),
                    decode(c.getLabels()),
                    decodeNetworks(c.getLabels()),
                    "running".equals(c.getState())));
  }

  /** The ids of the balancers running on this engine, of every app. */
  static Set<String> running(DockerClient docker) {
    return docker.listContainersCmd().withLabelFilter(List.of(LABEL)).exec().stream()
        .map(Container::getId)
        .collect(Collectors.toSet());
  }

  /** The configuration the balancer holds, if it has one. */
  static Optional<String> config(DockerClient docker, String id) {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            docker
                .copyArchiveFromContainerCmd(id, HaproxyConfig.DIRECTORY + "/" + HaproxyConfig.FILE)
                .exec())) {
      return tar.getNextEntry() == null
          ? Optional.empty()
          : Optional.of(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
    } catch (NotFoundException none) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The app's balancers on this engine. */
  static List<Container> all(DockerClient docker, String app) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, app)).exec();
  }

  /**
   * Makes the balancer (not started: its configuration is copied in first) on the service's
   * networks, each made if missing; the image is pulled if missing; one made meanwhile (409) is
   * adopted.
   */
  static String create(
      DockerClient docker,
      Host host,
      String app,
      String service,
      Set<Port> ports,
      List<NetworkAttachment> networks,
      String image) {
    AppNetworks.ensure(docker, app, AppNetworks.name(app, networks.get(0).network()));
    String id;
    try {
      id = createNow(docker, host, app, service, ports, networks, image);
    } catch (NotFoundException noImage) {
      pull(docker, image);
      id = createNow(docker, host, app, service, ports, networks, image);
    } catch (ConflictException madeMeanwhile) {
      id = find(docker, app, service).orElseThrow(() -> madeMeanwhile).id();
    }
    AppNetworks.connectRest(docker, app, id, networks, n -> names(service, n));
    return id;
  }

  private static String createNow(
      DockerClient docker,
      Host host,
      String app,
      String service,
      Set<Port> ports,
      List<NetworkAttachment> networks,
      String image) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL, app);
    labels.put(SERVICE_LABEL, service);
    labels.put(PORTS_LABEL, encode(ports));
    labels.put(NETWORKS_LABEL, encodeNetworks(networks));
    List<ExposedPort> exposed = ports.stream().map(p -> ExposedPort.tcp(p.target())).toList();
    List<PortBinding> published =
        ports.stream()
            .filter(p -> p.published() > 0)
            .map(
                p ->
                    new PortBinding(
                        Ports.Binding.bindIpAndPort(p.bindIp(host), p.published()),
                        ExposedPort.tcp(p.target())))
            .toList();
    return docker
        .createContainerCmd(image)
        .withName(name(app, service))
        .withLabels(labels)
        .withCmd("haproxy", "-W", "-db", "-f", HaproxyConfig.DIRECTORY + "/" + HaproxyConfig.FILE)
        .withExposedPorts(exposed)
        .withAliases(names(service, networks.get(0)))
        .withHostConfig(
            HostConfig.newHostConfig()
                .withNetworkMode(AppNetworks.name(app, networks.get(0).network()))
                .withPortBindings(published)
                // It outlives an engine restart: the published ports answer again at once.
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart()))
        .exec()
        .getId();
  }

  private static void pull(DockerClient docker, String image) {
    String[] ref = ImagePuller.repositoryAndTag(image);
    try {
      docker.pullImageCmd(ref[0]).withTag(ref[1]).start().awaitCompletion(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted pulling " + image, e);
    }
  }

  /** Writes the configuration into the container (running or not). */
  static void copyConfig(DockerClient docker, String id, String config) {
    docker
        .copyArchiveToContainerCmd(id)
        .withTarInputStream(new ByteArrayInputStream(tar(config)))
        .withRemotePath(HaproxyConfig.DIRECTORY)
        .exec();
  }

  static void start(DockerClient docker, String id) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (NotModifiedException alreadyRunning) {
      // Fine.
    }
  }

  static void remove(DockerClient docker, String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
    } catch (NotFoundException alreadyGone) {
      // Fine.
    }
  }

  private static byte[] tar(String config) {
    byte[] bytes = config.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry entry = new TarArchiveEntry(HaproxyConfig.FILE);
      entry.setSize(bytes.length);
      entry.setMode(0644);
      tar.putArchiveEntry(entry);
      tar.write(bytes);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String encode(Set<Port> ports) {
    return ports.stream()
        .map(p -> p.target() + ":" + p.published() + ":" + p.hostIp())
        .collect(Collectors.joining(","));
  }

  static String encodeNetworks(List<NetworkAttachment> networks) {
    return networks.stream()
        .map(n -> n.network() + "=" + String.join("|", n.aliases()))
        .collect(Collectors.joining(","));
  }

  /** The networks in the label; a balancer made before networks were is on the default one. */
  static List<NetworkAttachment> decodeNetworks(Map<String, String> labels) {
    String text = labels == null ? null : labels.get(NETWORKS_LABEL);
    if (text == null || text.isBlank()) {
      return NetworkAttachment.DEFAULT_ONLY;
    }
    List<NetworkAttachment> networks = new ArrayList<>();
    for (String item : text.split(",")) {
      String[] f = item.split("=", 2);
      List<String> aliases = f[1].isEmpty() ? List.of() : List.of(f[1].split("\\|"));
      networks.add(new NetworkAttachment(f[0], aliases));
    }
    return List.copyOf(networks);
  }

  static Set<Port> decode(Map<String, String> labels) {
    String text = labels == null ? null : labels.get(PORTS_LABEL);
    Set<Port> ports = new TreeSet<>();
    if (text == null || text.isBlank()) {
      return ports;
    }
    for (String item : text.split(",")) {
      String[] f = Arrays.copyOf(item.split(":", 3), 3);
      ports.add(new Port(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2] == null ? "" : f[2]));
    }
    return ports;
  }
}

package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.baton.activities.ServingBook.Endpoint;
import dev.baton.activities.docker.BalancerContainer.Port;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.NetworkAttachment;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a service's balancers are made of: an instance's endpoints (where each of its TCP ports
 * answers on its host), and from the endpoints of all instances in service the balancer's ports,
 * networks and listening ports.
 */
final class BalancerLayout {
  private BalancerLayout() {}

  /** Where the instance's TCP ports answer, as the engine published them; none without ports. */
  static List<Endpoint> endpoints(
      DockerClient docker, Host host, Instance instance, ServiceSpec spec) {
    List<PortSpec> tcp = tcpPorts(spec);
    if (tcp.isEmpty() || instance.containerId() == null) {
      return List.of();
    }
    Map<ExposedPort, Ports.Binding[]> bindings =
        docker
            .inspectContainerCmd(instance.containerId())
            .exec()
            .getNetworkSettings()
            .getPorts()
            .getBindings();
    List<Endpoint> endpoints = new ArrayList<>();
    for (PortSpec p : tcp) {
      Ports.Binding[] bound = bindings.get(ExposedPort.tcp(p.target()));
      if (bound != null && bound.length > 0) {
        String address = host.address() + ":" + bound[0].getHostPortSpec();
        endpoints.add(new Endpoint(p.target(), p.published(), hostIp(p), address, spec.networks()));
      }
    }
    return endpoints;
  }

  private static List<PortSpec> tcpPorts(ServiceSpec spec) {
    if (spec == null || spec.ports() == null) {
      return List.of();
    }
    return spec.ports().stream()
        // As ContainerSpecs publishes them: every port but a UDP one is TCP.
        .filter(p -> !"udp".equals(p.protocol()))
        .toList();
  }

  private static String hostIp(PortSpec p) {
    return p.hostIp() == null ? "" : p.hostIp();
  }

  static Set<Port> ports(List<Endpoint> endpoints) {
    Set<Port> ports = new TreeSet<>();
    endpoints.forEach(e -> ports.add(new Port(e.target(), e.published(), e.hostIp())));
    return ports;
  }

  /**
   * The networks the balancer is on, sorted by name, aliases sorted: those of every instance in
   * service, so during a rollout that changes them clients on the old and the new ones reach the
   * service.
   */
  static List<NetworkAttachment> networks(List<Endpoint> endpoints) {
    Map<String, Set<String>> aliases = new TreeMap<>();
    endpoints.forEach(
        e ->
            e.attachments()
                .forEach(
                    n ->
                        aliases
                            .computeIfAbsent(n.network(), k -> new TreeSet<>())
                            .addAll(n.aliases())));
    List<NetworkAttachment> networks = new ArrayList<>();
    aliases.forEach(
        (network, names) -> networks.add(new NetworkAttachment(network, List.copyOf(names))));
    return List.copyOf(networks);
  }

  static SortedSet<Integer> targets(Set<Port> ports) {
    SortedSet<Integer> targets = new TreeSet<>();
    ports.forEach(p -> targets.add(p.target()));
    return targets;
  }
}

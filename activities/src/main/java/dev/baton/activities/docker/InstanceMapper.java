package dev.baton.activities.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import java.util.Comparator;
import java.util.Map;

/** Docker's view of a container (inspect or list) as Baton's {@link Instance}. */
final class InstanceMapper {

  static final String MISSING = "missing";
  static final String NO_HEALTH = "none";

  private InstanceMapper() {}

  static Instance missing(String host, String containerId) {
    return new Instance(null, null, 0, 0, host, containerId, null, MISSING, NO_HEALTH, null);
  }

  static Instance fromInspect(Host host, InspectContainerResponse c) {
    Map<String, String> labels = c.getConfig() == null ? null : c.getConfig().getLabels();
    InspectContainerResponse.ContainerState state = c.getState();
    String health =
        state != null && state.getHealth() != null && state.getHealth().getStatus() != null
            ? state.getHealth().getStatus()
            : NO_HEALTH;
    return labelled(
        labels,
        host,
        c.getId(),
        c.getName(),
        state == null || state.getStatus() == null ? "unknown" : state.getStatus(),
        health,
        address(host, c, BatonLabels.label(labels, BatonLabels.PRIMARY_PORT)));
  }

  static Instance fromList(Host host, Container c) {
    Map<String, String> labels = c.getLabels();
    String name = c.getNames() == null || c.getNames().length == 0 ? null : c.getNames()[0];
    return labelled(
        labels,
        host,
        c.getId(),
        name,
        c.getState(),
        healthFromStatus(c.getStatus()),
        listAddress(host, c, BatonLabels.label(labels, BatonLabels.PRIMARY_PORT)));
  }

  /** An instance as its Baton labels name it (app, service, revision, slot). */
  private static Instance labelled(
      Map<String, String> labels,
      Host host,
      String id,
      String name,
      String state,
      String health,
      String address) {
    return new Instance(
        BatonLabels.label(labels, BatonLabels.APP),
        BatonLabels.label(labels, BatonLabels.SERVICE),
        BatonLabels.intLabel(labels, BatonLabels.REVISION),
        BatonLabels.intLabel(labels, BatonLabels.SLOT),
        host.name(),
        id,
        stripSlash(name),
        state,
        health,
        address);
  }

  /** The list API has no health field; it is in the status text: "Up 3 seconds (healthy)". */
  static String healthFromStatus(String status) {
    if (status == null) {
      return NO_HEALTH;
    }
    if (status.contains("(healthy)")) {
      return "healthy";
    }
    if (status.contains("(unhealthy)")) {
      return "unhealthy";
    }
    if (status.contains("(health: starting)")) {
      return "starting";
    }
    return NO_HEALTH;
  }

  /**
   * "ip:port" where {@code containerPort}/tcp is published, or null. A wildcard bind is reached
   * through the host's own address.
   */
  static String publishedAddress(Host host, InspectContainerResponse c, int containerPort) {
    return address(host, c, containerPort + "/tcp");
  }

  private static String address(Host host, InspectContainerResponse c, String primaryPort) {
    if (c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
      return null;
    }
    Map<ExposedPort, Ports.Binding[]> bindings = c.getNetworkSettings().getPorts().getBindings();
    ExposedPort chosen =
        primaryPort != null
            ? ExposedPort.parse(primaryPort)
            : bindings.keySet().stream()
                .filter(p -> bindings.get(p) != null && bindings.get(p).length > 0)
                .min(Comparator.comparingInt(ExposedPort::getPort))
                .orElse(null);
    Ports.Binding[] published = chosen == null ? null : bindings.get(chosen);
    if (published == null || published.length == 0) {
      return null;
    }
    Ports.Binding b = published[0];
    String port = b.getHostPortSpec();
    if (port == null || port.isEmpty()) {
      return null;
    }
    return reachableIp(host, b.getHostIp()) + ":" + port;
  }

  private static String listAddress(Host host, Container c, String primaryPort) {
    if (c.getPorts() == null) {
      return null;
    }
    Integer wanted = primaryPort == null ? null : ExposedPort.parse(primaryPort).getPort();
    for (ContainerPort p : c.getPorts()) {
      if (p.getPublicPort() != null && (wanted == null || wanted.equals(p.getPrivatePort()))) {
        return reachableIp(host, p.getIp()) + ":" + p.getPublicPort();
      }
    }
    return null;
  }

  private static String reachableIp(Host host, String bindIp) {
    if (bindIp != null && !bindIp.isEmpty() && !bindIp.equals("0.0.0.0") && !bindIp.equals("::")) {
      return bindIp;
    }
    return host.address();
  }

  private static String stripSlash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }
}

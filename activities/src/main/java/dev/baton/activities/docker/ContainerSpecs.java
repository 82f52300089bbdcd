package dev.baton.activities.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.Resources;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.CreateRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a service spec and an instance identity into Docker's create-container request. */
final class ContainerSpecs {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private ContainerSpecs() {}

  static String containerName(CreateRequest request) {
    return Instance.containerName(
        request.app(), request.service().name(), request.revision(), request.slot());
  }

  /**
   * Fills {@code cmd} (already made for the service's image) from {@code request}; ports without
   * their own host_ip are published on {@code hostAddress}.
   */
  static CreateContainerCmd apply(
      CreateContainerCmd cmd, CreateRequest request, String hostAddress) {
    ServiceSpec service = request.service();
    cmd.withName(containerName(request)).withLabels(labels(request));
    if (notEmpty(service.command())) {
      cmd.withCmd(service.command());
    }
    if (notEmpty(service.entrypoint())) {
      cmd.withEntrypoint(service.entrypoint());
    }
    // Where the instance is, as Swarm's {{.Node.Hostname}} templates give it; the spec's own
    // variables come after, so a service that sets one of these names wins.
    List<String> env = new ArrayList<>();
    env.add("BATON_APP=" + request.app());
    env.add("BATON_SERVICE=" + service.name());
    env.add("BATON_SLOT=" + request.slot());
    env.add("BATON_REVISION=" + request.revision());
    env.add("BATON_HOST=" + request.host());
    if (service.environment() != null) {
      service.environment().forEach((k, v) -> env.add(v == null ? k : k + "=" + v));
    }
    cmd.withEnv(env);
    com.github.dockerjava.api.model.HealthCheck health = healthCheck(service.healthcheck());
    if (health != null) {
      cmd.withHealthcheck(health);
    }
    if (service.stopGraceMillis() > 0) {
      cmd.withStopTimeout(ceilSeconds(service.stopGraceMillis()));
    }
    List<ExposedPort> exposed = new ArrayList<>();
    List<PortBinding> bindings = new ArrayList<>();
    for (PortSpec port : ports(service)) {
      ExposedPort exposedPort = exposedPort(port);
      exposed.add(exposedPort);
      bindings.add(new PortBinding(binding(port, hostAddress), exposedPort));
    }
    if (!exposed.isEmpty()) {
      cmd.withExposedPorts(exposed);
    }
    HostConfig host =
        HostConfig.newHostConfig()
            .withNetworkMode(
                AppNetworks.name(request.app(), service.attachments().get(0).network()))
            .withPortBindings(bindings)
            // Baton replaces failed instances itself; an engine restart would hide the failure.
            .withRestartPolicy(RestartPolicy.noRestart());
    if (service.init()) {
      // tini as PID 1 forwards SIGTERM: stop takes milliseconds instead of the whole grace.
      host.withInit(true);
    }
    applyResources(host, service.resources());
    AppVolumes.apply(host, request);
    if (service.options() != null) {
      ContainerOptionsApplied.apply(cmd, host, service.options());
    }
    return cmd.withHostConfig(host);
  }

  static Map<String, String> labels(CreateRequest request) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (request.service().labels() != null) {
      labels.putAll(request.service().labels());
    }
    // Baton's own labels last: a service label cannot disguise a container as another's.
    labels.put(BatonLabels.APP, request.app());
    labels.put(BatonLabels.SERVICE, request.service().name());
    labels.put(BatonLabels.REVISION, Integer.toString(request.revision()));
    labels.put(BatonLabels.SLOT, Integer.toString(request.slot()));
    labels.put(BatonLabels.OPERATION, request.operationId() == null ? "" : request.operationId());
    List<PortSpec> ports = ports(request.service());
    if (!ports.isEmpty()) {
      labels.put(BatonLabels.PRIMARY_PORT, exposedPort(ports.get(0)).toString());
    }
    return labels;
  }

  /**
   * Compose's healthcheck as Docker's. A test that does not start with CMD / CMD-SHELL / NONE is a
   * shell command (Compose's string form). An empty test keeps the image's own check; disabled
   * turns it off. Zero durations mean "Docker's default".
   */
  static com.github.dockerjava.api.model.HealthCheck healthCheck(HealthCheck spec) {
    if (spec == null) {
      return null;
    }
    if (spec.disabled()) {
      return new com.github.dockerjava.api.model.HealthCheck().withTest(List.of("NONE"));
    }
    return new com.github.dockerjava.api.model.HealthCheck()
        .withTest(healthTest(spec.test()))
        .withInterval(nanos(spec.intervalMillis()))
        .withTimeout(nanos(spec.timeoutMillis()))
        .withRetries(spec.retries() > 0 ? spec.retries() : null)
        .withStartPeriod(nanos(spec.startPeriodMillis()));
  }

  private static List<String> healthTest(List<String> test) {
    if (test == null || test.isEmpty()) {
      return null;
    }
    String first = test.get(0);
    if (first.equals("CMD") || first.equals("CMD-SHELL") || first.equals("NONE")) {
      return test;
    }
    return List.of("CMD-SHELL", String.join(" ", test));
  }

  private static void applyResources(HostConfig host, Resources resources) {
    if (resources == null) {
      return;
    }
    if (resources.cpusLimit() > 0) {
      host.withNanoCPUs(Math.round(resources.cpusLimit() * 1_000_000_000d));
    }
    if (resources.memoryLimitBytes() > 0) {
      host.withMemory(resources.memoryLimitBytes());
    }
    if (resources.memoryReservationBytes() > 0) {
      host.withMemoryReservation(resources.memoryReservationBytes());
    }
    // cpusReservation has no per-container Docker equivalent: it only matters for placement.
  }

  static ExposedPort exposedPort(PortSpec port) {
    String protocol =
        port.protocol() == null || port.protocol().isBlank() ? "tcp" : port.protocol();
    return new ExposedPort(port.target(), InternetProtocol.parse(protocol));
  }

  /**
   * A TCP port is published on a free port of the host's address: what the service publishes
   * belongs to its balancers, which reach the instance there. A UDP port (not balanced) is
   * published as the service says; an empty host port lets the engine pick a free one.
   */
  private static Ports.Binding binding(PortSpec port, String hostAddress) {
    if (!"udp".equals(port.protocol())) {
      return new Ports.Binding(hostAddress, "");
    }
    String ip = port.hostIp() == null || port.hostIp().isBlank() ? hostAddress : port.hostIp();
    return new Ports.Binding(ip, port.published() > 0 ? Integer.toString(port.published()) : "");
  }

  private static List<PortSpec> ports(ServiceSpec service) {
    return service.ports() == null ? List.of() : service.ports();
  }

  private static Long nanos(long millis) {
    return millis > 0 ? millis * NANOS_PER_MILLI : null;
  }

  static int ceilSeconds(long millis) {
    return (int) Math.max(0, (millis + 999) / 1000);
  }

  private static boolean notEmpty(List<String> list) {
    return list != null && !list.isEmpty();
  }
}

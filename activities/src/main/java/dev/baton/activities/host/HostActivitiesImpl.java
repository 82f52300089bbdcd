package dev.baton.activities.host;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import dev.baton.activities.docker.DockerClients;
import dev.baton.activities.state.HostRegistry;
import dev.baton.activities.state.HostStatus;
import dev.baton.activities.state.InstanceRepository;
import dev.baton.activities.state.RevisionRepository;
import dev.baton.activities.state.StateJson;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.HostActivities;
import dev.baton.workflows.ports.HostFacts;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@link HostActivities} with docker-java and the hosts table. */
@Component
public record HostActivitiesImpl(
    DockerClients clients,
    HostRegistry registry,
    RevisionRepository revisions,
    InstanceRepository instances)
    implements HostActivities {
  private static final Logger log = LoggerFactory.getLogger(HostActivitiesImpl.class);

  /** The bridge network Baton creates on every host it joins. */
  public static final String NETWORK = "baton";

  static final int PING_TRIES = 3;
  static final long PING_PAUSE_MILLIS = 200;

  @Override
  public HostFacts inspectHost(String name) {
    Host host = clients.host(name);
    String refused =
        EndpointPolicy.refusal(host.endpoint(), host.labels(), clients.defaultTlsCertPath());
    if (refused != null) {
      throw refuse(name, refused);
    }
    Version version;
    DockerClient docker;
    try {
      docker = clients.forHost(host);
      version = docker.versionCmd().exec();
    } catch (RuntimeException e) {
      // A certificate problem does not heal by retrying: refuse the host and say what to fix.
      String tls = clients.tlsCertPath(host.labels());
      String problem = TlsProblem.describe(host.endpoint(), tls, e).orElse(null);
      if (problem != null) {
        throw refuse(name, problem);
      }
      throw e;
    }
    String apiVersion = clients.apiVersion();
    if (compare(version.getApiVersion(), apiVersion) < 0) {
      throw refuse(
          name,
          name + " speaks Docker API " + version.getApiVersion() + "; Baton needs " + apiVersion);
    }
    Info info = docker.infoCmd().exec();
    int cpus = info.getNCPU() == null ? 0 : info.getNCPU();
    long memory = info.getMemTotal() == null ? 0 : info.getMemTotal();
    registry.updateCapacity(name, cpus, memory, version.getApiVersion());
    registry.setMessage(name, null);
    return new HostFacts(version.getApiVersion(), cpus, memory);
  }

  /**
   * Tries {@value #PING_TRIES} times, {@value #PING_PAUSE_MILLIS} ms apart: one failed call (a 500,
   * a dropped connection) from an engine that answers the next one is not a lost host, and two
   * failed checks in a row make the host UNREACHABLE and its instances move away.
   */
  @Override
  public boolean ping(String name) {
    for (int attempt = 1; ; attempt++) {
      try {
        clients.forHost(name).pingCmd().exec();
        return true;
      } catch (RuntimeException e) {
        if (attempt >= PING_TRIES) {
          return false;
        }
      }
      try {
        Thread.sleep(PING_PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  @Override
  public void ensureNetwork(String name) {
    DockerClient docker = clients.forHost(name);
    boolean present =
        docker.listNetworksCmd().withNameFilter(NETWORK).exec().stream()
            .anyMatch(n -> NETWORK.equals(n.getName()));
    if (present) {
      return;
    }
    try {
      docker
          .createNetworkCmd()
          .withName(NETWORK)
          .withDriver("bridge")
          .withLabels(Map.of("baton.managed", "true"))
          .exec();
    } catch (ConflictException alreadyThere) {
      // A concurrent attempt created it.
    } catch (NotFoundException | InternalServerErrorException refused) {
      // The engine answered but cannot make it (e.g. "could not find an available, non-overlapping
      // IPv4 address pool"). Instances use the default bridge, so the host still serves: say so
      // instead of failing the join.
      log.warn("host {}: network {} not created: {}", name, NETWORK, refused.getMessage());
      registry.setMessage(
          name, name + ": bridge network " + NETWORK + " not created: " + refused.getMessage());
    }
  }

  @Override
  public List<String> imagesFor(String name) {
    TreeSet<String> images = new TreeSet<>();
    for (String spec : revisions.currentSpecs()) {
      for (ServiceSpec s : StateJson.readSpec(spec).services()) {
        images.add(s.image());
      }
    }
    return List.copyOf(images);
  }

  @Override
  public void setHostStatus(String name, String status) {
    registry.setStatus(name, HostStatus.valueOf(status));
  }

  @Override
  public List<String> appsOn(String name) {
    return instances.appsOn(name);
  }

  /** Records why the host is refused (GET /hosts/{name} shows it) and fails for good. */
  private ApplicationFailure refuse(String name, String why) {
    String message = why.startsWith(name + " ") ? why : name + ": " + why;
    registry.setMessage(name, message);
    return ApplicationFailure.newNonRetryableFailure(message, "Refused");
  }

  /** Compares "1.41" and "1.43" as versions. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i]) : 0;
      int q = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }
}

package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import dev.baton.activities.HostDirectory;
import dev.baton.activities.secrets.SecretStore;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.ports.CreateRequest;
import dev.baton.workflows.ports.DockerActivities;
import dev.baton.workflows.ports.HealthResult;
import dev.baton.workflows.ports.HealthWait;
import dev.baton.workflows.ports.VolumeCopy;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@link DockerActivities} on Docker Engines through docker-java. Every call is safe to retry:
 * create finds its container by its deterministic name, start/stop/remove accept "already done".
 */
@Component
public class DockerActivitiesImpl implements DockerActivities {

  /** The failure type of a call on a host the host check has marked UNREACHABLE. */
  public static final String HOST_UNREACHABLE = DockerActivities.HOST_UNREACHABLE;

  private static final Logger log = LoggerFactory.getLogger(DockerActivitiesImpl.class);

  private final HostDirectory hosts;
  private final DockerClients clients;
  private final ImagePuller puller = new ImagePuller(ImagePuller.DEFAULT_TIMEOUT);
  private final HealthGate healthGate;
  private final Balancers balancers;
  private SecretStore secrets;

  /** Without balancers: instances are not put behind any. */
  public DockerActivitiesImpl(HostDirectory hosts, DockerClients clients) {
    this(hosts, clients, HealthGate.POLL_MILLIS, null);
  }

  /** The store secrets and configs are read from as each container is made (absent in tests). */
  @Autowired(required = false)
  public void setSecrets(SecretStore secrets) {
    this.secrets = secrets;
  }

  /** {@code healthPollMillis}: how often the health gate inspects a starting container. */
  @Autowired
  public DockerActivitiesImpl(
      HostDirectory hosts,
      DockerClients clients,
      @Value("${baton.docker.health-poll-millis:" + HealthGate.POLL_MILLIS + "}")
          long healthPollMillis,
      @Nullable Balancers balancers) {
    this.hosts = hosts;
    this.clients = clients;
    this.healthGate = new HealthGate(new HttpProber(), healthPollMillis);
    this.balancers = balancers;
  }

  @Override
  public void pull(String host, String image) {
    onHost(host, () -> pullNow(host, image));
  }

  private void pullNow(String host, String image) {
    puller.ensurePresent(clients.forHost(host), host, image);
  }

  @Override
  public Instance create(CreateRequest request) {
    return onHost(request.host(), () -> createNow(request, false));
  }

  @Override
  public Instance start(String hostName, String containerId) {
    return onHost(hostName, () -> startNow(hostName, containerId));
  }

  private Instance startNow(String hostName, String containerId) {
    Host host = clients.host(hostName);
    DockerClient docker = clients.forHost(host);
    ContainerStart.start(docker, hostName, containerId);
    return inspectExisting(docker, host, containerId);
  }

  /** Create, start and inspect: three Engine calls when nothing is in the way. */
  @Override
  public Instance createAndStart(CreateRequest request) {
    return onHost(request.host(), () -> createNow(request, true));
  }

  private Instance createNow(CreateRequest request, boolean start) {
    Host host = clients.host(request.host());
    DockerClient docker = clients.forHost(host);
    String id = createdId(docker, host, request);
    FileMounts.write(docker, id, request, secrets);
    if (start) {
      ContainerStart.start(docker, host.name(), id);
    }
    return inspectExisting(docker, host, id);
  }

  /**
   * The create is optimistic, and what a look-up first would find is handled when the Engine
   * reports it: a 404 means the image is missing (pull, then create), a 409 that an earlier attempt
   * made the container (adopt it).
   */
  private String createdId(DockerClient docker, Host host, CreateRequest request) {
    try {
      return createOrAdoptId(docker, host, request);
    } catch (NotFoundException noImage) {
      puller.ensurePresent(docker, host.name(), request.service().image());
      return createOrAdoptId(docker, host, request);
    }
  }

  private static String createOrAdoptId(DockerClient docker, Host host, CreateRequest request) {
    String name = ContainerSpecs.containerName(request);
    AppVolumes.ensure(docker, host.name(), request);
    String id;
    try {
      id =
          ContainerSpecs.apply(
                  docker.createContainerCmd(request.service().image()), request, host.address())
              .exec()
              .getId();
    } catch (ConflictException e) {
      id =
          ContainerByName.find(docker, name)
              .map(Container::getId)
              .orElseThrow(
                  () ->
                      ApplicationFailure.newFailureWithCause(
                          "name conflict for " + name + " but no such container", "Conflict", e));
    }
    // Instances have no aliases: the service's name is its balancer's.
    AppNetworks.connectRest(
        docker, request.app(), id, request.service().attachments(), n -> List.of());
    return id;
  }

  @Override
  public Instance inspect(String hostName, String containerId) {
    return onHost(hostName, () -> inspectNow(hostName, containerId));
  }

  private Instance inspectNow(String hostName, String containerId) {
    Host host = clients.host(hostName);
    try {
      return InstanceMapper.fromInspect(
          host, clients.forHost(host).inspectContainerCmd(containerId).exec());
    } catch (NotFoundException e) {
      return InstanceMapper.missing(hostName, containerId);
    }
  }

  @Override
  public HealthResult awaitHealthy(HealthWait wait) {
    return onHost(wait.instance().host(), () -> awaitHealthyNow(wait));
  }

  private HealthResult awaitHealthyNow(HealthWait wait) {
    Host host = clients.host(wait.instance().host());
    DockerClient docker = clients.forHost(host);
    HealthResult result = healthGate.await(docker, host, wait);
    // A job that completed has exited: it serves nothing.
    if (result.healthy()
        && balancers != null
        && (wait.service() == null || !wait.service().completes())) {
      ActivityExecutionContext activity = Activity.getExecutionContext();
      Instance healthy = result.instance() == null ? wait.instance() : result.instance();
      balancers.admit(docker, host, healthy, wait.service(), () -> activity.heartbeat(null));
    }
    return result;
  }

  @Override
  public void stop(String host, String containerId, long graceMillis) {
    onHost(host, () -> stopNow(host, containerId, graceMillis));
  }

  private void stopNow(String host, String containerId, long graceMillis) {
    if (balancers != null) {
      // Out of the balancers before it stops, so no new connection reaches it.
      balancers.withdraw(containerId, graceMillis);
    }
    try {
      clients
          .forHost(host)
          .stopContainerCmd(containerId)
          .withTimeout(ContainerSpecs.ceilSeconds(graceMillis))
          .exec();
    } catch (NotFoundException | NotModifiedException alreadyStopped) {
      // Missing or not running: the goal of stop is reached.
    }
  }

  @Override
  public void remove(String host, String containerId) {
    onHost(host, () -> removeNow(host, containerId));
  }

  private void removeNow(String host, String containerId) {
    try {
      clients
          .forHost(host)
          .removeContainerCmd(containerId)
          .withForce(true)
          .withRemoveVolumes(true)
          .exec();
    } catch (NotFoundException alreadyRemoved) {
      // Nothing to do.
    } catch (ConflictException e) {
      // "removal already in progress": a concurrent attempt is removing it.
      if (!String.valueOf(e.getMessage()).contains("already in progress")) {
        throw e;
      }
    }
  }

  /** Removes the app's networks from every host that answers; one that does not keeps them. */
  @Override
  public void removeNetworks(String app) {
    if (balancers != null) {
      balancers.removeAll(app);
    }
    for (Host host : hosts.all()) {
      try {
        AppNetworks.removeAll(clients.forHost(host), app);
      } catch (RuntimeException unreachable) {
        log.warn(
            "removeNetworks({}): host {} unreachable: {}",
            app,
            host.name(),
            unreachable.toString());
      }
    }
  }

  @Override
  public long copyVolume(VolumeCopy copy) {
    DockerClient from = clients.forHost(copy.fromHost());
    DockerClient to = clients.forHost(copy.toHost());
    ActivityExecutionContext activity = Activity.getExecutionContext();
    long bytes = onHost(copy.toHost(), () -> VolumeCopier.copy(from, to, copy, activity));
    log.info(
        "copyVolume({}): {} bytes {} -> {}", copy.name(), bytes, copy.fromHost(), copy.toHost());
    return bytes;
  }

  @Override
  public void removeVolumes(String app) {
    for (Host host : hosts.all()) {
      try {
        List<String> removed = AppVolumes.removeAll(clients.forHost(host), app);
        log.info("removeVolumes({}): {} removed on {}", app, removed, host.name());
      } catch (RuntimeException unreachable) {
        log.warn(
            "removeVolumes({}): host {} unreachable: {}", app, host.name(), unreachable.toString());
      }
    }
  }

  /**
   * The app's containers on every known host. A host that cannot be reached is skipped with a
   * warning, so one lost host does not blind reconciliation of the others: callers must treat the
   * result as "what reachable hosts report", not as proof that a container is gone.
   */
  @Override
  public List<Instance> list(String app) {
    List<Instance> found = new ArrayList<>();
    for (Host host : hosts.all()) {
      try {
        List<Container> containers =
            clients
                .forHost(host)
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(BatonLabels.APP, app))
                .exec();
        for (Container c : containers) {
          found.add(InstanceMapper.fromList(host, c));
        }
      } catch (RuntimeException e) {
        log.warn(
            "list({}): skipping unreachable host {} ({}): {}",
            app,
            host.name(),
            host.endpoint(),
            e.toString());
      }
    }
    return found;
  }

  /**
   * Runs a call on one host. A call that cannot reach the engine (no HTTP answer at all) is retried
   * by Temporal while the host is believed up; once the host check has marked it UNREACHABLE the
   * failure is final ({@value #HOST_UNREACHABLE}), so a rollout stops waiting for a lost engine and
   * places the slot elsewhere instead of retrying for minutes.
   */
  private void onHost(String host, Runnable call) {
    onHost(
        host,
        () -> {
          call.run();
          return null;
        });
  }

  private <T> T onHost(String host, Supplier<T> call) {
    try {
      return call.get();
    } catch (ApplicationFailure | DockerException answered) {
      throw answered;
    } catch (RuntimeException e) {
      if (hosts.reachable(host)) {
        throw e;
      }
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          host + " is unreachable: " + e.getMessage(), HOST_UNREACHABLE, e);
    }
  }

  private static Instance inspectExisting(DockerClient docker, Host host, String id) {
    return InstanceMapper.fromInspect(host, docker.inspectContainerCmd(id).exec());
  }
}

package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.baton.activities.BalancerStates;
import dev.baton.activities.BalancerStates.BalancerState;
import dev.baton.activities.ClusterLocks;
import dev.baton.activities.HostDirectory;
import dev.baton.activities.ServingBook;
import dev.baton.activities.ServingBook.Endpoint;
import dev.baton.activities.ServingBook.ServiceKey;
import dev.baton.activities.Sha256;
import dev.baton.activities.docker.BalancerContainer.Found;
import dev.baton.activities.docker.BalancerContainer.Port;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.NetworkAttachment;
import dev.baton.workflows.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Every service with TCP ports has a balancer on every host (see {@link BalancerContainer}), and
 * the instance lifecycle drives them: an instance that passed its health gate is admitted (in the
 * serving book, then in every host's balancer) before the gate returns; one about to stop is
 * withdrawn first, and stops once the balancers' old workers have finished its connections. Each
 * change renders the balancer from the whole book, so it also repairs what an earlier one missed. A
 * host that does not answer delays a change by a bounded time, never fails it. Replicas of Baton
 * change the same balancers: each change holds a {@link ClusterLocks} lock, and a replica skips a
 * change equal to what it gave last only while the {@code balancers} row says nobody changed it
 * since.
 */
@Component
public class Balancers {
  private static final Logger log = LoggerFactory.getLogger(Balancers.class);

  /** How long an admit waits for the balancers to take the new instance. */
  static final long ADMIT_WAIT_MILLIS = 20_000;

  /** How long a withdraw waits for the balancers to let the instance go. */
  static final long WITHDRAW_WAIT_MILLIS = 3_000;

  /**
   * The most a withdraw and its drain take together, however long the grace period: the stop
   * activity's own timeout is 10 s more than the grace period, which the stop itself may use.
   */
  static final long WITHDRAW_MAX_MILLIS = 8_000;

  private static final long RELOAD_WAIT_MILLIS = 5_000;

  /** One host's balancer of one service. */
  private record Key(String host, String app, String service) {}

  /** What a host's balancer was last given. */
  private record Applied(
      String id, Set<Port> ports, List<NetworkAttachment> networks, String config) {}

  /** One host's balancer after a change: the workers from before it, which may still drain. */
  private record Changed(Host host, String id, Set<String> oldWorkers) {}

  private final HostDirectory hosts;
  private final DockerClients clients;
  private final ServingBook book;
  private final BalancerStates states;
  private final String image;
  private final long drainMillis;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(new CustomizableThreadFactory("balancer-"));
  // Changes to one host's balancer of one service run one at a time, each reading the book anew:
  // one thread of this replica at a time, and that thread holds the lock across the replicas.
  private final Map<Key, Object> locks = new ConcurrentHashMap<>();
  private final ClusterLocks cluster;
  private final Map<Key, Applied> applied = new ConcurrentHashMap<>();

  public Balancers(
      HostDirectory hosts,
      DockerClients clients,
      ServingBook book,
      BalancerStates states,
      ClusterLocks cluster,
      @Value("${baton.balancer.image:haproxy:2.6}") String image,
      @Value("${baton.balancer.drain-millis:5000}") long drainMillis) {
    this.hosts = hosts;
    this.clients = clients;
    this.book = book;
    this.states = states;
    this.cluster = cluster;
    this.image = image;
    this.drainMillis = drainMillis;
  }

  /**
   * Puts a healthy instance in service. Reading its ports or writing the book may fail (the caller
   * retries); the balancers' change is bounded and logged when a host misses it.
   */
  void admit(DockerClient docker, Host host, Instance instance, ServiceSpec spec, Runnable beat) {
    List<Endpoint> endpoints = BalancerLayout.endpoints(docker, host, instance, spec);
    if (endpoints.isEmpty()) {
      return;
    }
    book.serve(instance.app(), instance.service(), instance.revision(), instance.slot(), endpoints);
    sync(instance.app(), instance.service(), ADMIT_WAIT_MILLIS, beat);
  }

  /**
   * Takes an instance about to stop out of service, and waits for the balancers to let it go and
   * for their old workers to finish its connections: within its grace period, at least 3 s (a slow
   * host: the stop goes on, and the instance may still get a connection there) and at most 8 s.
   */
  void withdraw(String containerId, long graceMillis) {
    Optional<ServiceKey> key = book.withdraw(containerId);
    if (key.isEmpty()) {
      return;
    }
    long budget = Math.max(WITHDRAW_WAIT_MILLIS, Math.min(graceMillis, WITHDRAW_MAX_MILLIS));
    long end = System.currentTimeMillis() + budget;
    // Several instances stopping at once (a scale down) queue their reloads on each host, so the
    // change may take more than one reload's time under load.
    List<Changed> changed = sync(key.get().app(), key.get().service(), budget, () -> {});
    long deadline = Math.min(end, System.currentTimeMillis() + Math.min(graceMillis, drainMillis));
    for (Changed c : changed) {
      long left = deadline - System.currentTimeMillis();
      if (c.oldWorkers().isEmpty() || left <= 0) {
        continue;
      }
      try {
        HaproxyWorkers.awaitGone(clients.forHost(c.host()), c.id(), c.oldWorkers(), left);
      } catch (RuntimeException e) {
        log.warn("balancer on {}: drain not confirmed: {}", c.host().name(), e.toString());
      }
    }
  }

  /** Removes the app's balancers from every host that answers. */
  void removeAll(String app) {
    applied.keySet().removeIf(key -> key.app().equals(app));
    states.forget(app);
    for (Host host : hosts.all()) {
      try {
        DockerClient docker = clients.forHost(host);
        BalancerContainer.all(docker, app)
            .forEach(c -> BalancerContainer.remove(docker, c.getId()));
      } catch (RuntimeException unreachable) {
        log.warn("balancers of {} on {} stay: {}", app, host.name(), unreachable.toString());
      }
    }
  }

  /**
   * Brings every reachable host's balancers of every service in service up to the book: one that
   * was removed or stopped behind Baton's back is made or started again, and after a restart of
   * Baton each is checked once (adopted as it is when its configuration is already the book's).
   */
  public void upkeep() {
    List<ServiceKey> served = book.served();
    for (Host host : hosts.all()) {
      if (!hosts.reachable(host.name())) {
        continue;
      }
      try {
        Set<String> running = BalancerContainer.running(clients.forHost(host));
        for (ServiceKey s : served) {
          Key key = new Key(host.name(), s.app(), s.service());
          Applied was = applied.get(key);
          if (was == null || !running.contains(was.id())) {
            applied.remove(key);
            apply(host, s.app(), s.service());
          }
        }
      } catch (RuntimeException e) {
        log.warn("balancers on {}: upkeep failed: {}", host.name(), e.toString());
      }
    }
  }

  /**
   * Applies the book to the service's balancer on every reachable host, waiting at most so long.
   */
  private List<Changed> sync(String app, String service, long waitMillis, Runnable beat) {
    List<Future<Changed>> changes = new ArrayList<>();
    for (Host host : hosts.all()) {
      if (hosts.reachable(host.name())) {
        changes.add(pool.submit(() -> apply(host, app, service)));
      }
    }
    long deadline = System.currentTimeMillis() + waitMillis;
    List<Changed> done = new ArrayList<>();
    for (Future<Changed> change : changes) {
      while (true) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          log.warn(
              "balancer of {}/{}: a host did not take the change in {} ms",
              app,
              service,
              waitMillis);
          break;
        }
        try {
          done.add(change.get(Math.min(left, 1000), TimeUnit.MILLISECONDS));
          break;
        } catch (TimeoutException slow) {
          beat.run();
        } catch (ExecutionException e) {
          log.warn("balancer of {}/{}: {}", app, service, e.getCause().toString());
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return done;
        }
      }
    }
    return done;
  }

  private Changed apply(Host host, String app, String service) {
    Key key = new Key(host.name(), app, service);
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      return cluster.holding(
          "balancer " + host.name() + " " + app + " " + service,
          () -> applyHeld(host, app, service, key));
    }
  }

  private Changed applyHeld(Host host, String app, String service, Key key) {
    try {
      try {
        return applyNow(host, app, service, key);
      } catch (NotFoundException gone) {
        // The balancer went away behind our back: make it again from scratch.
        applied.remove(key);
        return applyNow(host, app, service, key);
      }
    } catch (RuntimeException e) {
      applied.remove(key);
      record(
          new BalancerState(host.name(), app, service, null, "failed", 0, "", e.toString(), null));
      throw e;
    }
  }

  private Changed applyNow(Host host, String app, String service, Key key) {
    List<Endpoint> endpoints = book.serving(app, service);
    DockerClient docker = clients.forHost(host);
    Applied was = applied.get(key);
    if (was != null
        && !states.stillGiven(host.name(), app, service, was.id(), Sha256.hex(was.config()))) {
      // Another replica changed it since: find it as it is.
      applied.remove(key);
      was = null;
    }
    Found found = was != null ? null : BalancerContainer.find(docker, app, service).orElse(null);
    Set<Port> current = was != null ? was.ports() : found != null ? found.ports() : Set.of();
    List<NetworkAttachment> currentNetworks =
        was != null ? was.networks() : found != null ? found.networks() : List.of();
    // With no instance in service the balancer keeps its ports and networks, and refuses
    // connections.
    Set<Port> ports = endpoints.isEmpty() ? current : BalancerLayout.ports(endpoints);
    List<NetworkAttachment> networks =
        endpoints.isEmpty() ? currentNetworks : BalancerLayout.networks(endpoints);
    if (ports.isEmpty()) {
      return new Changed(host, null, Set.of());
    }
    String config = HaproxyConfig.render(app, service, BalancerLayout.targets(ports), endpoints);
    if (was != null && was.config().equals(config)) {
      return new Changed(host, was.id(), Set.of());
    }
    if (found != null
        && found.running()
        && found.ports().equals(ports)
        && found.networks().equals(networks)
        && BalancerContainer.config(docker, found.id()).filter(config::equals).isPresent()) {
      // Already as the book says (Baton restarted): adopt it without a reload.
      return done(host, key, new Applied(found.id(), ports, networks, config), endpoints, Set.of());
    }
    String id = was != null ? was.id() : found != null ? found.id() : null;
    states.changing(host.name(), app, service);
    // Ports and networks are the container's own: a change of either makes it again.
    if (id != null && (!current.equals(ports) || !currentNetworks.equals(networks))) {
      BalancerContainer.remove(docker, id);
      id = null;
    }
    boolean fresh = id == null;
    if (fresh) {
      id = BalancerContainer.create(docker, host, app, service, ports, networks, image);
    }
    BalancerContainer.copyConfig(docker, id, config);
    Set<String> old = Set.of();
    if (!fresh
        && Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning())) {
      old = HaproxyWorkers.reload(docker, id, RELOAD_WAIT_MILLIS);
    } else {
      BalancerContainer.start(docker, id);
      // Counts once it serves, and the next change's reload finds a master ready for it.
      HaproxyWorkers.awaitRunning(docker, id, RELOAD_WAIT_MILLIS);
    }
    return done(host, key, new Applied(id, ports, networks, config), endpoints, old);
  }

  private Changed done(
      Host host, Key key, Applied now, List<Endpoint> endpoints, Set<String> oldWorkers) {
    applied.put(key, now);
    String listens =
        now.ports().stream()
            .filter(p -> p.published() > 0)
            .map(p -> p.bindIp(host) + ":" + p.published())
            .collect(Collectors.joining(","));
    // Each instance has an endpoint per port.
    long servers =
        endpoints.stream()
            .collect(Collectors.groupingBy(Endpoint::target, Collectors.counting()))
            .values()
            .stream()
            .max(Long::compare)
            .orElse(0L);
    record(
        new BalancerState(
            host.name(),
            key.app(),
            key.service(),
            now.id(),
            servers > 0 ? "serving" : "idle",
            (int) servers,
            listens,
            null,
            Sha256.hex(now.config())));
    return new Changed(host, now.id(), oldWorkers);
  }

  /** What the API shows; never in the way of the change itself. */
  private void record(BalancerState state) {
    try {
      states.saw(state);
    } catch (RuntimeException e) {
      log.warn(
          "balancer state of {}/{} not recorded: {}", state.app(), state.service(), e.toString());
    }
  }
}

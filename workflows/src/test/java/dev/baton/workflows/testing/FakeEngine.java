package dev.baton.workflows.testing;

import dev.baton.workflows.model.Instance;
import dev.baton.workflows.ports.CreateRequest;
import dev.baton.workflows.ports.DockerActivities;
import dev.baton.workflows.ports.HealthResult;
import dev.baton.workflows.ports.HealthWait;
import dev.baton.workflows.ports.VolumeCopy;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * In-memory Docker engines: containers per host, every call recorded in order, health scripted per
 * image: {@code :bad} never becomes healthy, {@code :crash} exits at once, anything else is
 * healthy. After every call it counts the running healthy containers of each service, so a test can
 * assert the lowest and highest capacity a rollout ever left.
 */
public final class FakeEngine implements DockerActivities {

  /** One recorded call; {@code workflowId} is the calling workflow's id. */
  public record Call(
      String op, String workflowId, String host, String container, String image, long budget) {}

  /** A container as the fake engine keeps it. */
  public static final class Container {
    public final String app;
    public final String service;
    public final int revision;
    public final int slot;
    public final String host;
    public final String name;
    public final String image;
    public final Map<String, String> labels;
    public String state = "created";
    public String health = "none";

    Container(CreateRequest r) {
      this.app = r.app();
      this.service = r.service().name();
      this.revision = r.revision();
      this.slot = r.slot();
      this.host = r.host();
      this.name = Instance.containerName(r.app(), r.service().name(), r.revision(), r.slot());
      this.image = r.service().image();
      Map<String, String> l = new TreeMap<>();
      if (r.service().labels() != null) {
        l.putAll(r.service().labels());
      }
      l.put("baton.app", r.app());
      l.put("baton.service", service);
      l.put("baton.revision", Integer.toString(revision));
      l.put("baton.slot", Integer.toString(slot));
      l.put("baton.operation", r.operationId());
      this.labels = Map.copyOf(l);
    }

    String id() {
      return "id-" + host + "-" + name;
    }

    boolean healthyAndRunning() {
      return "running".equals(state) && "healthy".equals(health);
    }

    Instance toInstance() {
      return new Instance(
          app,
          service,
          revision,
          slot,
          host,
          id(),
          name,
          state,
          health,
          host + ":" + (30000 + slot));
    }
  }

  private final Map<String, Container> containers = new LinkedHashMap<>();
  private final Set<String> down = new HashSet<>();
  private final Set<String> crashing = new HashSet<>();
  private final List<Call> calls = new ArrayList<>();
  private final Set<String> neverHealthy = new HashSet<>();
  private final Set<String> dieAfterHealthy = new HashSet<>();
  private final Map<String, Integer> minHealthy = new HashMap<>();
  private final Map<String, Integer> maxHealthy = new HashMap<>();
  private final Set<String> lost = new HashSet<>();
  private volatile Consumer<Instance> beforeHealthResult = i -> {};
  private int createdCount;
  private int copyFailures;

  // ---- scripting --------------------------------------------------------------------------

  /** The named container (e.g. {@code app-web-r2-2}) never becomes healthy, whatever its image. */
  public synchronized void neverHealthy(String containerName) {
    neverHealthy.add(containerName);
  }

  /**
   * The named container becomes healthy, then has exited by the next {@code list} (it dies during
   * the monitor window).
   */
  public synchronized void dieAfterHealthy(String containerName) {
    dieAfterHealthy.add(containerName);
  }

  /** Runs inside every awaitHealthy, before it answers (outside the fake's lock). */
  public void beforeHealthResult(Consumer<Instance> hook) {
    this.beforeHealthResult = hook;
  }

  /** The named container exits whenever it is started (a crash loop). */
  public synchronized void crashing(String containerName) {
    crashing.add(containerName);
  }

  /** The container exits (killed by hand, or it crashed). */
  public synchronized void exit(String containerName) {
    find(containerName).state = "exited";
    find(containerName).health = "none";
  }

  /** The container is removed behind Baton's back ({@code docker rm -f}). */
  public synchronized void removeByHand(String containerName) {
    Container c = find(containerName);
    containers.remove(c.host + "/" + c.name);
  }

  /** A running container with the app's labels that Baton did not make (an orphan). */
  public synchronized void addForeign(CreateRequest request) {
    Container c = new Container(request);
    c.state = "running";
    c.health = "healthy";
    containers.put(c.host + "/" + c.name, c);
  }

  /** The host's engine stops answering: its containers are not listed, calls to it fail. */
  public synchronized void hostDown(String host) {
    down.add(host);
  }

  public synchronized void hostUp(String host) {
    down.remove(host);
    lost.remove(host);
  }

  /**
   * The host's engine stops answering and the host check has given it up: calls to it fail for good
   * ({@link DockerActivities#HOST_UNREACHABLE}), as the real adapter's do.
   */
  public synchronized void hostLost(String host) {
    down.add(host);
    lost.add(host);
  }

  private Container find(String containerName) {
    return containers.values().stream()
        .filter(c -> c.name.equals(containerName))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no such container " + containerName));
  }

  private void requireNotLost(String host) {
    if (lost.contains(host)) {
      throw ApplicationFailure.newNonRetryableFailure(
          host + " is unreachable", DockerActivities.HOST_UNREACHABLE);
    }
  }

  private void requireUp(String host) {
    requireNotLost(host);
    if (down.contains(host)) {
      throw new IllegalStateException("host " + host + " does not answer");
    }
  }

  // ---- DockerActivities -------------------------------------------------------------------

  @Override
  public synchronized void pull(String host, String image) {
    record("pull", host, null, image, 0);
  }

  @Override
  public synchronized Instance create(CreateRequest request) {
    String name =
        Instance.containerName(
            request.app(), request.service().name(), request.revision(), request.slot());
    requireUp(request.host());
    Container c = containers.get(request.host() + "/" + name);
    if (c == null) {
      c = new Container(request);
      containers.put(request.host() + "/" + name, c);
      createdCount++;
    }
    record("create", request.host(), name, c.image, 0);
    return c.toInstance();
  }

  @Override
  public synchronized Instance start(String host, String containerId) {
    requireUp(host);
    Container c = byId(containerId);
    c.state = "running";
    c.health = "starting";
    record("start", host, c.name, c.image, 0);
    return c.toInstance();
  }

  @Override
  public synchronized Instance inspect(String host, String containerId) {
    Container c = byId(containerId);
    record("inspect", host, c.name, c.image, 0);
    return c.toInstance();
  }

  @Override
  public HealthResult awaitHealthy(HealthWait wait) {
    Instance asked = wait.instance();
    beforeHealthResult.accept(asked);
    synchronized (this) {
      Container c = byId(asked.containerId());
      HealthResult result;
      if (c.image.endsWith(":crash") || crashing.contains(c.name)) {
        c.state = "exited";
        c.health = "none";
        result = new HealthResult(false, "exited with code 1", c.toInstance());
      } else if (c.image.endsWith(":bad") || neverHealthy.contains(c.name)) {
        c.health = "unhealthy";
        result =
            new HealthResult(
                false,
                "not healthy within " + wait.budgetMillis() + " ms: connection refused",
                c.toInstance());
      } else {
        c.health = "healthy";
        result = new HealthResult(true, null, c.toInstance());
      }
      record("awaitHealthy", c.host, c.name, c.image, wait.budgetMillis());
      return result;
    }
  }

  @Override
  public synchronized void stop(String host, String containerId, long graceMillis) {
    requireNotLost(host);
    Container c =
        containers.values().stream()
            .filter(x -> x.id().equals(containerId))
            .findFirst()
            .orElse(null);
    if (c != null) {
      c.state = "exited";
    }
    record("stop", host, c == null ? containerId : c.name, c == null ? null : c.image, 0);
  }

  @Override
  public synchronized void remove(String host, String containerId) {
    requireNotLost(host);
    Container c =
        containers.values().stream()
            .filter(x -> x.id().equals(containerId))
            .findFirst()
            .orElse(null);
    if (c != null) {
      containers.remove(c.host + "/" + c.name);
    }
    record("remove", host, c == null ? containerId : c.name, c == null ? null : c.image, 0);
  }

  @Override
  public synchronized List<Instance> list(String app) {
    for (Container c : containers.values()) {
      if (dieAfterHealthy.contains(c.name) && "healthy".equals(c.health)) {
        c.state = "exited";
        c.health = "none";
      }
    }
    record("list", null, null, null, 0);
    return containers.values().stream()
        .filter(c -> c.app.equals(app) && !down.contains(c.host))
        .map(Container::toInstance)
        .toList();
  }

  @Override
  public synchronized void removeNetworks(String app) {
    record("removeNetworks", null, app, null, 0);
  }

  @Override
  public synchronized void removeVolumes(String app) {
    record("removeVolumes", null, app, null, 0);
  }

  @Override
  public synchronized long copyVolume(VolumeCopy copy) {
    requireUp(copy.toHost());
    record("copyVolume", copy.fromHost(), copy.name(), copy.image(), 0);
    if (copyFailures > 0) {
      copyFailures--;
      throw ApplicationFailure.newNonRetryableFailure("no space left on device", "CopyFailed");
    }
    return 1024;
  }

  /** The next {@code n} volume copies fail for good (the target's disk is full). */
  public synchronized void failCopies(int n) {
    copyFailures = n;
  }

  // ---- seen by tests ----------------------------------------------------------------------

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<Call> calls(String op) {
    return calls.stream().filter(c -> c.op().equals(op)).toList();
  }

  public synchronized List<Container> containers() {
    return List.copyOf(containers.values());
  }

  /** Running containers of a service, sorted by name. */
  public synchronized List<Container> running(String service) {
    return containers.values().stream()
        .filter(c -> c.service.equals(service) && "running".equals(c.state))
        .sorted((a, b) -> a.name.compareTo(b.name))
        .toList();
  }

  public synchronized List<String> runningNames(String service) {
    return running(service).stream().map(c -> c.name).toList();
  }

  public synchronized int createdCount() {
    return createdCount;
  }

  /** Lowest number of running healthy instances of the service seen since the last reset. */
  public synchronized int minHealthy(String service) {
    return minHealthy.getOrDefault(service, 0);
  }

  public synchronized int maxHealthy(String service) {
    return maxHealthy.getOrDefault(service, 0);
  }

  /** Starts a new capacity window from the current state, and clears the call log. */
  public synchronized void resetWatermarks() {
    minHealthy.clear();
    maxHealthy.clear();
    calls.clear();
    observe();
  }

  private Container byId(String id) {
    return containers.values().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no such container " + id));
  }

  private void record(String op, String host, String container, String image, long budget) {
    String workflowId = null;
    try {
      workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
    } catch (RuntimeException notInActivity) {
      // called from the test itself
    }
    calls.add(new Call(op, workflowId, host, container, image, budget));
    observe();
  }

  private void observe() {
    Map<String, Integer> healthy = new HashMap<>();
    for (Container c : containers.values()) {
      healthy.merge(c.service, c.healthyAndRunning() ? 1 : 0, Integer::sum);
    }
    for (String s : minHealthy.keySet()) {
      healthy.putIfAbsent(s, 0);
    }
    healthy.forEach(
        (s, n) -> {
          minHealthy.merge(s, n, Math::min);
          maxHealthy.merge(s, n, Math::max);
        });
  }
}

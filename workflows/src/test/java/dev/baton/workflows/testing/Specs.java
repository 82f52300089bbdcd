package dev.baton.workflows.testing;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.Resources;
import dev.baton.workflows.model.RestartPolicy;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy;
import dev.baton.workflows.model.UpdatePolicy.FailureAction;
import dev.baton.workflows.model.UpdatePolicy.Order;
import dev.baton.workflows.model.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Specs with sensible defaults for tests: {@code Specs.service("web", "web:v1").replicas(4)}. */
public final class Specs {
  private Specs() {}

  public static ServiceBuilder service(String name, String image) {
    return new ServiceBuilder(name, image);
  }

  public static AppSpec app(String app, ServiceBuilder... services) {
    return app(app, AppSpec.DEFAULT_PROGRESS_DEADLINE_MILLIS, services);
  }

  public static AppSpec app(String app, long progressDeadlineMillis, ServiceBuilder... services) {
    List<ServiceSpec> list = new ArrayList<>();
    for (ServiceBuilder s : services) {
      list.add(s.build());
    }
    return new AppSpec(app, list, progressDeadlineMillis);
  }

  public static Revision revision(int number, AppSpec spec) {
    return new Revision(number, spec, "sha256:r" + number, "# r" + number);
  }

  public static List<Host> hosts(String... names) {
    List<Host> out = new ArrayList<>();
    for (String n : names) {
      out.add(new Host(n, "unix:///run/" + n + ".sock", "127.0.0.1", Map.of(), 4, 8L << 30));
    }
    return out;
  }

  /** A health check whose budget is {@code budgetMillis} (retries 0, timeout 0). */
  public static HealthCheck healthcheckWithBudget(long budgetMillis) {
    return new HealthCheck(List.of("CMD", "true"), budgetMillis, 0, 0, 0, false);
  }

  /** Builds a {@link ServiceSpec}: 1 replica, Baton's default update policy, 8 s health budget. */
  public static final class ServiceBuilder {
    private final String name;
    private final String image;
    private int replicas = 1;
    private int parallelism = 1;
    private long delayMillis;
    private FailureAction failureAction = FailureAction.ROLLBACK;
    private long monitorMillis = 5_000;
    private double maxFailureRatio;
    private Order order = Order.STOP_FIRST;
    private HealthCheck healthcheck =
        new HealthCheck(List.of("CMD", "true"), 1_000, 1_000, 3, 0, false);
    private List<String> dependsOn = List.of();
    private RestartPolicy restartPolicy;
    private Resources resources = Resources.none();
    private List<String> constraints = List.of();

    ServiceBuilder(String name, String image) {
      this.name = name;
      this.image = image;
    }

    private List<Mount> mounts;
    private final Map<String, String> labels = new java.util.TreeMap<>();

    public ServiceBuilder replicas(int n) {
      replicas = n;
      return this;
    }

    public ServiceBuilder parallelism(int n) {
      parallelism = n;
      return this;
    }

    public ServiceBuilder delayMillis(long ms) {
      delayMillis = ms;
      return this;
    }

    public ServiceBuilder failureAction(FailureAction a) {
      failureAction = a;
      return this;
    }

    public ServiceBuilder monitorMillis(long ms) {
      monitorMillis = ms;
      return this;
    }

    public ServiceBuilder maxFailureRatio(double r) {
      maxFailureRatio = r;
      return this;
    }

    public ServiceBuilder order(Order o) {
      order = o;
      return this;
    }

    public ServiceBuilder healthcheck(HealthCheck h) {
      healthcheck = h;
      return this;
    }

    public ServiceBuilder dependsOn(String... services) {
      dependsOn = List.of(services);
      return this;
    }

    public ServiceBuilder restartPolicy(RestartPolicy p) {
      restartPolicy = p;
      return this;
    }

    public ServiceBuilder reserveCpus(double cpus) {
      resources = new Resources(0, 0, cpus, 0);
      return this;
    }

    /** Mounts the named volume {@code key} at /data, one per slot if {@code perSlot}. */
    public ServiceBuilder volume(String key, boolean perSlot) {
      VolumeSpec volume = new VolumeSpec("baton-app_" + key, "local", Map.of(), Map.of(), false);
      mounts =
          List.of(new Mount(Mount.Type.VOLUME, key, "/data", false, false, 0, volume, perSlot));
      return this;
    }

    /** A label besides {@code tier=<name>} (e.g. {@code baton.backup.command}). */
    public ServiceBuilder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public ServiceBuilder constraints(String... c) {
      constraints = List.of(c);
      return this;
    }

    private Map<String, String> labels() {
      Map<String, String> all = new java.util.TreeMap<>(labels);
      all.put("tier", name);
      return Map.copyOf(all);
    }

    public ServiceSpec build() {
      UpdatePolicy update =
          new UpdatePolicy(
              parallelism, delayMillis, failureAction, monitorMillis, maxFailureRatio, order);
      UpdatePolicy rollback =
          new UpdatePolicy(parallelism, 0, FailureAction.CONTINUE, 0, 0.0, order);
      return new ServiceSpec(
          name,
          image,
          List.of(),
          List.of(),
          Map.of(),
          List.of(),
          healthcheck,
          null,
          dependsOn,
          labels(),
          replicas,
          update,
          rollback,
          constraints,
          resources,
          false,
          10_000,
          restartPolicy,
          null,
          null,
          false,
          false,
          mounts,
          null);
    }
  }
}

package dev.baton.workflows.instance;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.HostUsage;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.Resources;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.StateActivities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses a host for a new instance: the hosts that satisfy the service's placement constraints and
 * still have room for its reservations (counting every app's instances on the host), then spread
 * (fewest instances of the service, then of the app, then of all apps) or binpack (the fullest host
 * that fits), preferring the host of the instance being replaced on a tie.
 */
public final class Scheduler {

  private Scheduler() {}

  /** The chosen host, or a reason why none fits. */
  public record Choice(String host, String reason) {}

  /**
   * What placement knows beyond the app's own instances: its spec (strategy and the reservations of
   * its other services), what other apps reserve on each host, and the host of each of the app's
   * named volumes (by {@link Mount#key}), which the mover adds to as it pins new ones.
   */
  public record Context(AppSpec app, Map<String, HostUsage> others, Map<String, String> volumes) {
    static final Context NONE = new Context(null, Map.of());

    public Context(AppSpec app, Map<String, HostUsage> others) {
      this(app, others, new HashMap<>());
    }

    /** The context for placing {@code spec}'s services; volume pins are read only if it has any. */
    public static Context read(AppSpec spec, String app, StateActivities state) {
      boolean holds = spec.services().stream().anyMatch(ServiceSpec::holdsVolumes);
      return new Context(
          spec, state.hostUsage(app), new HashMap<>(holds ? state.volumeHosts(app) : Map.of()));
    }

    /** Where the slot's volume lives, or null when it is not made yet. */
    public String volumeHost(Mount mount, int slot) {
      return volumes == null ? null : volumes.get(mount.key(slot));
    }

    boolean binpack() {
      return app != null && app.binpack();
    }

    HostUsage other(String host) {
      return others == null ? HostUsage.none() : others.getOrDefault(host, HostUsage.none());
    }

    Resources reservation(Instance i, ServiceSpec placing) {
      if (i.service().equals(placing.name())) {
        return placing.resources();
      }
      ServiceSpec s = app == null ? null : app.service(i.service());
      return s == null || s.resources() == null ? Resources.none() : s.resources();
    }
  }

  static Choice place(
      List<Host> hosts, ServiceSpec spec, int slot, List<Instance> appInstances, String preferred) {
    return place(hosts, spec, slot, appInstances, preferred, Context.NONE);
  }

  public static Choice place(
      List<Host> hosts,
      ServiceSpec spec,
      int slot,
      List<Instance> appInstances,
      String preferred,
      Context ctx) {
    List<Host> fitting = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (Host host : hosts) {
      String why = unsatisfied(host, spec, slot, appInstances, ctx);
      if (why == null) {
        fitting.add(host);
      } else {
        rejected.add(host.name() + ": " + why);
      }
    }
    if (fitting.isEmpty()) {
      String waiting = volumeHostAway(hosts, spec, slot, ctx);
      if (waiting != null) {
        return new Choice(null, waiting);
      }
      return new Choice(
          null,
          "no host can take "
              + spec.name()
              + " slot "
              + slot
              + (rejected.isEmpty()
                  ? ": no ready hosts"
                  : " (" + String.join("; ", rejected) + ")"));
    }
    Comparator<Host> order;
    if (ctx.binpack()) {
      // Binpack: the host with the most instances (all apps) that still fits, so others stay free.
      order =
          Comparator.<Host>comparingLong(
                  h ->
                      -(count(appInstances, h, null, spec.name(), slot)
                          + ctx.other(h.name()).instances()))
              .thenComparing(h -> h.name().equals(preferred) ? 0 : 1)
              .thenComparing(Host::name);
    } else {
      order =
          Comparator.<Host>comparingLong(h -> count(appInstances, h, spec.name(), null, slot))
              .thenComparingLong(h -> count(appInstances, h, null, null, slot))
              .thenComparing(h -> h.name().equals(preferred) ? 0 : 1)
              .thenComparingLong(h -> ctx.other(h.name()).instances())
              .thenComparing(Host::name);
    }
    return new Choice(fitting.stream().min(order).orElseThrow().name(), null);
  }

  /** Why the slot waits when a volume it mounts is on a host that is not ready, else null. */
  private static String volumeHostAway(List<Host> hosts, ServiceSpec spec, int slot, Context ctx) {
    for (Mount mount : spec.namedVolumes()) {
      String pinned = ctx.volumeHost(mount, slot);
      if (pinned != null && hosts.stream().noneMatch(h -> h.name().equals(pinned))) {
        return spec.name()
            + " slot "
            + slot
            + " waits for host "
            + pinned
            + ", which holds its volume "
            + mount.key(slot)
            + " and is not ready";
      }
    }
    return null;
  }

  /**
   * Instances on the host (of {@code service} if given), not counting the slot of {@code placing}
   * (or of {@code service}) being placed: its old instance will go.
   */
  private static long count(
      List<Instance> instances, Host host, String service, String placing, int slot) {
    String skip = placing != null ? placing : service;
    return instances.stream()
        .filter(i -> i.host().equals(host.name()))
        .filter(i -> service == null || i.service().equals(service))
        .filter(i -> skip == null || !(i.service().equals(skip) && i.slot() == slot))
        .count();
  }

  /** Whether the host meets every placement constraint of the service (resources aside). */
  public static boolean eligible(Host host, ServiceSpec spec) {
    return spec.placementConstraints().stream().allMatch(c -> Constraint.parse(c).matches(host));
  }

  static String unsatisfied(Host host, ServiceSpec spec, List<Instance> appInstances) {
    return unsatisfied(host, spec, 0, appInstances, Context.NONE);
  }

  /** Null when the host may take the instance, else which constraint or resource is short. */
  static String unsatisfied(
      Host host, ServiceSpec spec, int slot, List<Instance> appInstances, Context ctx) {
    for (String constraint : spec.placementConstraints()) {
      if (!Constraint.parse(constraint).matches(host)) {
        return "constraint " + constraint + " not met";
      }
    }
    for (Mount mount : spec.namedVolumes()) {
      String pinned = ctx.volumeHost(mount, slot);
      if (pinned != null && !pinned.equals(host.name())) {
        // Data never moves by itself: the instance waits for its volume's host.
        return "volume " + mount.key(slot) + " is on " + pinned;
      }
    }
    double cpus = spec.resources().cpusReservation();
    long memory = spec.resources().memoryReservationBytes();
    if (cpus <= 0 && memory <= 0) {
      return null;
    }
    HostUsage other = ctx.other(host.name());
    double usedCpus = other.cpus();
    long usedMemory = other.memoryBytes();
    for (Instance i : appInstances) {
      if (i.host().equals(host.name()) && !(i.service().equals(spec.name()) && i.slot() == slot)) {
        Resources r = ctx.reservation(i, spec);
        usedCpus += r.cpusReservation();
        usedMemory += r.memoryReservationBytes();
      }
    }
    if (memory > 0 && host.memoryBytes() > 0 && usedMemory + memory > host.memoryBytes()) {
      return "memory: needs "
          + memory
          + " B reserved, "
          + (host.memoryBytes() - usedMemory)
          + " B of "
          + host.memoryBytes()
          + " B free";
    }
    if (cpus > 0 && host.cpus() > 0 && usedCpus + cpus > host.cpus() + 1e-9) {
      return "cpus: needs "
          + cpus
          + " reserved, "
          + Math.max(0, host.cpus() - usedCpus)
          + " of "
          + host.cpus()
          + " free";
    }
    return null;
  }

  /** {@code node.hostname==x}, {@code node.labels.k!=v} and the like. */
  record Constraint(String key, boolean equal, String value) {
    // One placement checks the same few constraints on every host: parse each text once.
    private static final Map<String, Constraint> PARSED = new ConcurrentHashMap<>();

    static Constraint parse(String text) {
      return PARSED.computeIfAbsent(text, Constraint::parseNow);
    }

    private static Constraint parseNow(String text) {
      boolean equal = text.contains("==");
      String[] parts = text.split(equal ? "==" : "!=", 2);
      return new Constraint(parts[0].trim(), equal, parts[1].trim());
    }

    boolean matches(Host host) {
      String actual;
      if (key.equals("node.hostname")) {
        actual = host.name();
      } else {
        Map<String, String> labels = host.labels() == null ? Map.of() : host.labels();
        actual = labels.get(key.substring("node.labels.".length()));
      }
      return equal == value.equals(actual);
    }
  }
}

package dev.baton.workflows.deploy;

import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Chooses a host for a new instance: the hosts that satisfy the service's placement constraints and
 * still have room for its reservations, then spread (fewest instances of the service, then fewest
 * of the app), preferring the host of the instance being replaced on a tie.
 */
final class Scheduler {

  /** The chosen host, or a reason why none fits. */
  record Choice(String host, String reason) {}

  static Choice place(
      List<Host> hosts, ServiceSpec spec, int slot, List<Instance> appInstances, String preferred) {
    List<Host> fitting = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (Host host : hosts) {
      String why = unsatisfied(host, spec, appInstances);
      if (why == null) {
        fitting.add(host);
      } else {
        rejected.add(host.name() + ": " + why);
      }
    }
    if (fitting.isEmpty()) {
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
    Comparator<Host> order =
        Comparator.<Host>comparingLong(h -> count(appInstances, h, spec.name(), slot))
            .thenComparingLong(h -> count(appInstances, h, null, slot))
            .thenComparing(h -> h.name().equals(preferred) ? 0 : 1)
            .thenComparing(Host::name);
    return new Choice(fitting.stream().min(order).orElseThrow().name(), null);
  }

  /** Instances on the host, not counting the slot being placed (its old instance will go). */
  private static long count(List<Instance> instances, Host host, String service, int slot) {
    return instances.stream()
        .filter(i -> i.host().equals(host.name()))
        .filter(i -> service == null || (i.service().equals(service) && i.slot() != slot))
        .count();
  }

  /**
   * Null when the host may take the instance, else which constraint or resource is short.
   * Reservations are counted for this service's instances (other apps' usage: the fleet issue).
   */
  static String unsatisfied(Host host, ServiceSpec spec, List<Instance> appInstances) {
    for (String constraint : spec.placementConstraints()) {
      if (!Constraint.parse(constraint).matches(host)) {
        return "constraint " + constraint + " not met";
      }
    }
    long after =
        1
            + appInstances.stream()
                .filter(i -> i.host().equals(host.name()) && i.service().equals(spec.name()))
                .count();
    long memory = spec.resources().memoryReservationBytes();
    if (memory > 0 && host.memoryBytes() > 0 && after * memory > host.memoryBytes()) {
      return "memory reservation of " + after + " x " + memory + " B exceeds " + host.memoryBytes();
    }
    double cpus = spec.resources().cpusReservation();
    if (cpus > 0 && host.cpus() > 0 && after * cpus > host.cpus()) {
      return "cpu reservation of " + after + " x " + cpus + " exceeds " + host.cpus() + " cpus";
    }
    return null;
  }

  /** {@code node.hostname==x}, {@code node.labels.k!=v} and the like. */
  record Constraint(String key, boolean equal, String value) {
    static Constraint parse(String text) {
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

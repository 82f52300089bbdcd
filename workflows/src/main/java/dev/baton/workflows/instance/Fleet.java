package dev.baton.workflows.instance;

import dev.baton.workflows.model.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The app's instances as the rollout knows them: read from the hosts once (by label), then kept
 * current as the rollout creates and removes containers.
 */
public final class Fleet {
  private final Map<String, Instance> byName = new TreeMap<>();

  public Fleet(List<Instance> instances) {
    instances.forEach(this::put);
  }

  public void put(Instance instance) {
    byName.put(instance.containerName(), instance);
  }

  /** Forgets the instance; a copy of the same name on another host (its replacement) stays. */
  public void remove(Instance instance) {
    byName.computeIfPresent(
        instance.containerName(),
        (name, known) -> Objects.equals(known.host(), instance.host()) ? null : known);
  }

  public List<Instance> of(String service) {
    return select(i -> i.service().equals(service));
  }

  /** Instances in the slot that belong to another revision: what a new instance replaces. */
  public List<Instance> replaced(String service, int slot, int revision) {
    return select(i -> i.service().equals(service) && i.slot() == slot && i.revision() != revision);
  }

  /** A running instance of exactly this revision in the slot, if the slot needs no work. */
  public boolean settled(String service, int slot, int revision) {
    return byName.values().stream()
        .anyMatch(
            i ->
                i.service().equals(service)
                    && i.slot() == slot
                    && i.revision() == revision
                    && i.running()
                    && !"unhealthy".equals(i.health()));
  }

  /** Instances beyond the desired replica count, or of services the spec no longer has. */
  public List<Instance> surplus(String service, int replicas) {
    return select(i -> i.service().equals(service) && i.slot() > replicas);
  }

  public List<Instance> all() {
    return List.copyOf(byName.values());
  }

  private List<Instance> select(Predicate<Instance> filter) {
    List<Instance> out = new ArrayList<>();
    for (Instance i : byName.values()) {
      if (filter.test(i)) {
        out.add(i);
      }
    }
    return out;
  }
}

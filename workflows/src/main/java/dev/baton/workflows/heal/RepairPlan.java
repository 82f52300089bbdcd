package dev.baton.workflows.heal;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one self-healing pass must do, computed from the desired spec, the instances the hosts
 * report and the hosts that take instances, with no I/O (as Nomad's reconciler returns its place /
 * stop / update sets): containers to {@code remove} (not desired, or a second copy of a slot), per
 * service in the spec's order what to {@code fix}, the copies {@code kept} per slot, and the slots
 * found {@code stable} (running on a ready host).
 */
public record RepairPlan(
    List<Instance> remove, List<ServiceFix> fix, Map<String, Instance> kept, List<String> stable) {

  /**
   * One service's repairs (a slot whose instance exited or is missing: restart or place) and moves
   * (running instances on a host that takes no new ones), done in that order.
   */
  public record ServiceFix(ServiceSpec service, List<Repair> repairs, List<Instance> moves) {}

  /** One slot to restart in place ({@code old} on a ready host) or place anew. */
  public record Repair(int slot, Instance old) {}

  /** True when the pass has nothing to change. */
  public boolean empty() {
    return remove.isEmpty() && fix.isEmpty();
  }

  /**
   * The plan for {@code spec} at {@code revision} (the revision in the containers' names). {@code
   * lastHost}: slot key to the host of the copy kept last, the tie-breaker when a lost host returns
   * with its old copy still running.
   */
  public static RepairPlan of(
      AppSpec spec,
      int revision,
      List<Instance> seen,
      Set<String> readyHosts,
      Map<String, String> lastHost) {
    Map<String, List<Instance>> bySlot = new TreeMap<>();
    List<Instance> remove = new ArrayList<>();
    for (Instance i : seen) {
      ServiceSpec s = i.service() == null ? null : spec.service(i.service());
      if (s == null || i.revision() != revision || i.slot() < 1 || i.slot() > s.replicas()) {
        remove.add(i);
      } else {
        bySlot.computeIfAbsent(key(i.service(), i.slot()), k -> new ArrayList<>()).add(i);
      }
    }
    List<ServiceFix> fix = new ArrayList<>();
    Map<String, Instance> kept = new LinkedHashMap<>();
    List<String> stable = new ArrayList<>();
    for (ServiceSpec s : spec.services()) {
      if (s.completes()) {
        continue; // a job ran to its end: an exited instance is what it should be
      }
      List<Repair> repairs = new ArrayList<>();
      List<Instance> moves = new ArrayList<>();
      for (int slot = 1; slot <= s.replicas(); slot++) {
        String key = key(s.name(), slot);
        List<Instance> copies = bySlot.getOrDefault(key, List.of());
        Instance keep = best(copies, readyHosts, lastHost.get(key));
        copies.stream().filter(c -> c != keep).forEach(remove::add);
        if (keep != null) {
          kept.put(key, keep);
        }
        if (keep == null || !keep.running()) {
          repairs.add(new Repair(slot, keep));
        } else if (!readyHosts.contains(keep.host())) {
          moves.add(keep);
        } else {
          stable.add(key);
        }
      }
      if (!repairs.isEmpty() || !moves.isEmpty()) {
        fix.add(new ServiceFix(s, repairs, moves));
      }
    }
    return new RepairPlan(remove, fix, kept, stable);
  }

  static String key(String service, int slot) {
    return service + "/" + slot;
  }

  /**
   * The copy of a slot to keep: running on a ready host, else running, else any; on a tie, the one
   * on the host it was last kept on.
   */
  private static Instance best(List<Instance> copies, Set<String> readyHosts, String lastHost) {
    Instance best = null;
    int bestScore = -1;
    for (Instance c : copies) {
      int score =
          (c.running() ? 4 : 0)
              + (readyHosts.contains(c.host()) ? 2 : 0)
              + (c.host().equals(lastHost) ? 1 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }
}

package dev.baton.service.spec;

import dev.baton.workflows.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The order services roll in: dependencies first, ties in file order. */
final class ServiceOrder {

  private final ComposeProblems problems;

  ServiceOrder(ComposeProblems problems) {
    this.problems = problems;
  }

  /** Dependency order; ties keep file order. Reports unknown services and cycles. */
  List<ServiceSpec> order(Map<String, ServiceSpec> services) {
    List<String> names = new ArrayList<>(services.keySet());
    Map<String, List<String>> deps = new HashMap<>();
    for (ServiceSpec s : services.values()) {
      List<String> known = new ArrayList<>();
      for (int i = 0; i < s.dependsOn().size(); i++) {
        String d = s.dependsOn().get(i);
        if (services.containsKey(d)) {
          known.add(d);
        } else {
          String base = "services." + s.name() + ".depends_on";
          String p =
              problems.line(base + "[" + i + "]") != null ? base + "[" + i + "]" : base + "." + d;
          problems.error(p, "unknown service '" + d + "'");
        }
      }
      deps.put(s.name(), known);
    }
    List<ServiceSpec> out = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    boolean progress = true;
    while (progress && done.size() < names.size()) {
      progress = false;
      for (String n : names) {
        if (!done.contains(n) && done.containsAll(deps.get(n))) {
          done.add(n);
          out.add(services.get(n));
          progress = true;
          break;
        }
      }
    }
    if (done.size() < names.size()) {
      List<String> cycle = findCycle(names, deps, done);
      String first = cycle.get(0);
      problems.error(
          "services." + first + ".depends_on", "dependency cycle: " + String.join(" -> ", cycle));
    }
    return out;
  }

  private static List<String> findCycle(
      List<String> names, Map<String, List<String>> deps, Set<String> done) {
    for (String start : names) {
      if (done.contains(start)) {
        continue;
      }
      List<String> stack = new ArrayList<>();
      String cur = start;
      while (!stack.contains(cur)) {
        stack.add(cur);
        String next = null;
        for (String d : deps.get(cur)) {
          if (!done.contains(d)) {
            next = d;
            break;
          }
        }
        if (next == null) {
          break;
        }
        cur = next;
      }
      if (stack.contains(cur)) {
        List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(cur), stack.size()));
        cycle.add(cur);
        return cycle;
      }
    }
    return List.of(names.get(0));
  }
}

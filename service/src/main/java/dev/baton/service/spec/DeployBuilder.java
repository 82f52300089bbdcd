package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.Resources;
import dev.baton.workflows.model.RestartPolicy;
import dev.baton.workflows.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code deploy} section: replicas, update and rollback policy, placement, resources.
 */
record DeployBuilder(ComposeProblems problems, ValueReader values) {

  static final int MAX_REPLICAS = 100;

  private static final Pattern HOSTNAME_CONSTRAINT =
      Pattern.compile("node\\.hostname\\s*(==|!=)\\s*(\\S+)");
  private static final Pattern LABEL_CONSTRAINT =
      Pattern.compile("node\\.labels\\.([A-Za-z0-9][A-Za-z0-9._/-]*)\\s*(==|!=)\\s*(\\S+)");

  /** What a {@code deploy} section says; Swarm's defaults where it says nothing. */
  record Deploy(
      int replicas,
      UpdatePolicy update,
      UpdatePolicy rollback,
      List<String> constraints,
      Resources resources,
      RestartPolicy restart,
      boolean global) {}

  Deploy build(String path, JsonNode deploy) {
    Deploy defaults =
        new Deploy(
            1,
            UpdatePolicy.defaults(),
            UpdatePolicy.defaults(),
            List.of(),
            Resources.none(),
            null,
            false);
    if (!values.mapping(path, deploy)) {
      return defaults;
    }
    int replicas = defaults.replicas();
    if ("dnsrr".equals(deploy.path("endpoint_mode").asText())) {
      problems.warn(
          path + ".endpoint_mode",
          "ignored: the service's name always answers with its balancer's address (vip)");
    }
    if (deploy.has("replicas")) {
      Integer r = values.integer(path + ".replicas", deploy.get("replicas"), 0, MAX_REPLICAS);
      replicas = r == null ? replicas : r;
    }
    boolean global = false;
    if (deploy.has("mode")) {
      global =
          "global"
              .equals(values.choice(path + ".mode", deploy.get("mode"), "replicated", "global"));
      if (global && deploy.has("replicas")) {
        problems.error(
            path + ".replicas",
            "a global service runs one instance on every eligible host: drop replicas, or use"
                + " mode: replicated");
      }
    }
    return new Deploy(
        replicas,
        policy(path + ".update_config", deploy.get("update_config"), defaults.update()),
        policy(path + ".rollback_config", deploy.get("rollback_config"), defaults.rollback()),
        constraints(path + ".placement", deploy.get("placement")),
        resources(path + ".resources", deploy.get("resources")),
        restartPolicy(path + ".restart_policy", deploy.get("restart_policy")),
        global);
  }

  /**
   * A named volume has one writer at a time: the old instance stops before the new one starts,
   * whatever the file said. Replicas sharing it are all placed on its one host.
   */
  Deploy oneWriter(String path, Deploy deploy, List<Mount> mounts, int replicas) {
    List<String> held = mounts.stream().filter(Mount::named).map(Mount::source).distinct().toList();
    if (held.isEmpty()) {
      return deploy;
    }
    List<String> shared =
        mounts.stream()
            .filter(m -> m.named() && !m.perSlot())
            .map(Mount::source)
            .distinct()
            .toList();
    if (replicas > 1 && !deploy.global() && !shared.isEmpty()) {
      problems.warn(
          path + ".volumes",
          replicas
              + " replicas share volume "
              + String.join(", ", shared)
              + ": all are placed on its one host (x-baton.volume_per_replica: true gives each"
              + " replica its own)");
    }
    String names = String.join(", ", held);
    return new Deploy(
        deploy.replicas(),
        stopFirst(path + ".deploy.update_config.order", deploy.update(), names),
        stopFirst(path + ".deploy.rollback_config.order", deploy.rollback(), names),
        deploy.constraints(),
        deploy.resources(),
        deploy.restart(),
        deploy.global());
  }

  private UpdatePolicy stopFirst(String path, UpdatePolicy policy, String volumes) {
    if (policy.order() == UpdatePolicy.Order.STOP_FIRST) {
      return policy;
    }
    problems.warn(
        path,
        "a service holding volume(s) " + volumes + " is replaced stop-first: never two writers");
    return new UpdatePolicy(
        policy.parallelism(),
        policy.delayMillis(),
        policy.failureAction(),
        policy.monitorMillis(),
        policy.maxFailureRatio(),
        UpdatePolicy.Order.STOP_FIRST);
  }

  /** Swarm's {@code deploy.restart_policy}: what self-healing does when an instance exits. */
  private RestartPolicy restartPolicy(String p, JsonNode node) {
    if (!values.mapping(p, node)) {
      return null;
    }
    RestartPolicy d = RestartPolicy.defaults();
    RestartPolicy.Condition condition = d.condition();
    if (node.has("condition")) {
      String c =
          values.choice(p + ".condition", node.get("condition"), "none", "on-failure", "any");
      if (c != null) {
        condition = RestartPolicy.Condition.valueOf(c.toUpperCase().replace('-', '_'));
      }
    }
    long delay = values.optionalDuration(p + ".delay", node, "delay", d.delayMillis(), false);
    int attempts = d.maxAttempts();
    if (node.has("max_attempts")) {
      Integer a = values.integer(p + ".max_attempts", node.get("max_attempts"), 0, 1_000_000);
      attempts = a == null ? attempts : a;
    }
    long window = values.optionalDuration(p + ".window", node, "window", d.windowMillis(), false);
    return new RestartPolicy(condition, delay, attempts, window);
  }

  private UpdatePolicy policy(String path, JsonNode node, UpdatePolicy defaults) {
    if (!values.mapping(path, node)) {
      return defaults;
    }
    int parallelism = defaults.parallelism();
    long delay = defaults.delayMillis();
    UpdatePolicy.FailureAction action = defaults.failureAction();
    long monitor = defaults.monitorMillis();
    double ratio = defaults.maxFailureRatio();
    UpdatePolicy.Order order = defaults.order();
    if (node.has("parallelism")) {
      Integer v =
          values.integer(path + ".parallelism", node.get("parallelism"), 0, Integer.MAX_VALUE);
      parallelism = v == null ? parallelism : v;
    }
    if (node.has("delay")) {
      Long v = values.duration(path + ".delay", node.get("delay"));
      delay = v == null ? delay : v;
    }
    if (node.has("failure_action")) {
      String v =
          values.choice(
              path + ".failure_action",
              node.get("failure_action"),
              "pause",
              "continue",
              "rollback");
      if (v != null) {
        action = UpdatePolicy.FailureAction.valueOf(v.toUpperCase());
      }
    }
    if (node.has("monitor")) {
      Long v = values.duration(path + ".monitor", node.get("monitor"));
      monitor = v == null ? monitor : v;
    }
    if (node.has("max_failure_ratio")) {
      Double v = values.number(path + ".max_failure_ratio", node.get("max_failure_ratio"), 0, 1);
      ratio = v == null ? ratio : v;
    }
    if (node.has("order")) {
      String v = values.choice(path + ".order", node.get("order"), "stop-first", "start-first");
      if (v != null) {
        order =
            v.equals("stop-first") ? UpdatePolicy.Order.STOP_FIRST : UpdatePolicy.Order.START_FIRST;
      }
    }
    return new UpdatePolicy(parallelism, delay, action, monitor, ratio, order);
  }

  private List<String> constraints(String path, JsonNode placement) {
    if (!values.mapping(path, placement)) {
      return List.of();
    }
    JsonNode list = placement.get("constraints");
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      problems.error(path + ".constraints", "must be a list of strings");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    values.strings(
        path + ".constraints",
        list,
        "must be a string",
        (p, text) -> {
          String c = text.trim();
          Matcher h = HOSTNAME_CONSTRAINT.matcher(c);
          Matcher l = LABEL_CONSTRAINT.matcher(c);
          if (c.matches("node\\.role\\s*(==|!=)\\s*(manager|worker)")) {
            problems.warn(
                p,
                "ignored: Baton's hosts have no Swarm roles; every ready host can run the"
                    + " service (use node.labels.KEY==VALUE to pin it)");
          } else if (h.matches()) {
            out.add("node.hostname" + h.group(1) + h.group(2));
          } else if (l.matches()) {
            out.add("node.labels." + l.group(1) + l.group(2) + l.group(3));
          } else {
            problems.error(
                p,
                "'"
                    + c
                    + "' is not supported; Baton understands only node.hostname==NAME,"
                    + " node.hostname!=NAME, node.labels.KEY==VALUE and node.labels.KEY!=VALUE");
          }
        });
    return List.copyOf(out);
  }

  private Resources resources(String path, JsonNode node) {
    if (!values.mapping(path, node)) {
      return Resources.none();
    }
    double[] cpus = new double[2];
    long[] memory = new long[2];
    String[] kinds = {"limits", "reservations"};
    for (int k = 0; k < 2; k++) {
      JsonNode r = node.get(kinds[k]);
      String p = path + "." + kinds[k];
      if (!values.mapping(p, r)) {
        continue;
      }
      if (r.has("cpus")) {
        Double c = values.number(p + ".cpus", r.get("cpus"), 0, 4096);
        if (c != null && c <= 0) {
          problems.error(p + ".cpus", "must be more than 0");
        } else if (c != null) {
          cpus[k] = c;
        }
      }
      if (r.has("memory")) {
        Long m = values.byteSize(p + ".memory", r.get("memory"));
        if (m != null && m <= 0) {
          problems.error(p + ".memory", "must be more than 0");
        } else if (m != null) {
          memory[k] = m;
        }
      }
    }
    if (cpus[0] > 0 && cpus[1] > cpus[0]) {
      problems.error(path + ".reservations.cpus", "must not exceed limits.cpus");
    }
    if (memory[0] > 0 && memory[1] > memory[0]) {
      problems.error(path + ".reservations.memory", "must not exceed limits.memory");
    }
    return new Resources(cpus[0], memory[0], cpus[1], memory[1]);
  }
}

package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.HttpProbe;
import dev.baton.workflows.model.PortSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A service's health: its Compose {@code healthcheck} and Baton's HTTP probe ({@code
 * x-baton.probe}).
 */
final class HealthBuilder {

  static final long DEFAULT_HEALTH_INTERVAL_MILLIS = 30_000;
  static final long DEFAULT_HEALTH_TIMEOUT_MILLIS = 30_000;
  static final int DEFAULT_HEALTH_RETRIES = 3;
  static final long DEFAULT_PROBE_INTERVAL_MILLIS = 1_000;
  static final long DEFAULT_PROBE_TIMEOUT_MILLIS = 1_000;
  static final int DEFAULT_PROBE_RETRIES = 3;

  private final ComposeProblems problems;
  private final ValueReader values;

  HealthBuilder(ComposeProblems problems, ValueReader values) {
    this.problems = problems;
    this.values = values;
  }

  HealthCheck healthcheck(String path, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.error(path, "must be a mapping");
      return null;
    }
    List<String> test = List.of();
    boolean disabled = false;
    JsonNode t = node.get("test");
    if (t != null && !t.isNull()) {
      if (t.isTextual()) {
        if (t.asText().isBlank()) {
          problems.error(path + ".test", "must not be empty");
        } else {
          test = List.of("CMD-SHELL", t.asText());
        }
      } else if (t.isArray()) {
        List<String> items = new ArrayList<>();
        for (JsonNode i : t) {
          items.add(i.isTextual() ? i.asText() : null);
        }
        String first = items.isEmpty() ? null : items.get(0);
        if (items.contains(null)) {
          problems.error(path + ".test", "must be a list of strings");
        } else if ("NONE".equals(first) && items.size() == 1) {
          disabled = true;
          test = List.of("NONE");
        } else if ("CMD".equals(first) && items.size() >= 2) {
          test = List.copyOf(items);
        } else if ("CMD-SHELL".equals(first) && items.size() == 2) {
          test = List.copyOf(items);
        } else {
          problems.error(
              path + ".test",
              "must be [\"CMD\", executable, args...], [\"CMD-SHELL\", command], [\"NONE\"] or a"
                  + " command string");
        }
      } else {
        problems.error(path + ".test", "must be a string or a list of strings");
      }
    }
    if (node.has("disable")) {
      Boolean d = values.bool(path + ".disable", node.get("disable"));
      if (d != null && d) {
        if (!test.isEmpty() && !disabled) {
          problems.error(path + ".disable", "disable: true cannot be combined with a test");
        }
        disabled = true;
        test = List.of("NONE");
      }
    }
    long interval =
        values.optionalDuration(
            path + ".interval", node, "interval", DEFAULT_HEALTH_INTERVAL_MILLIS, true);
    long timeout =
        values.optionalDuration(
            path + ".timeout", node, "timeout", DEFAULT_HEALTH_TIMEOUT_MILLIS, true);
    long start = values.optionalDuration(path + ".start_period", node, "start_period", 0, false);
    int retries = DEFAULT_HEALTH_RETRIES;
    if (node.has("retries")) {
      Integer r = values.integer(path + ".retries", node.get("retries"), 1, 1000);
      retries = r == null ? retries : r;
    }
    return new HealthCheck(test, interval, timeout, retries, start, disabled);
  }

  HttpProbe probe(String path, JsonNode xb, List<PortSpec> ports) {
    if (xb == null || xb.isNull()) {
      return null;
    }
    if (!xb.isObject()) {
      problems.error(path, "must be a mapping");
      return null;
    }
    JsonNode node = xb.get("probe");
    String p = path + ".probe";
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.error(p, "must be a mapping");
      return null;
    }
    String probePath = "/";
    JsonNode pathNode = node.get("path");
    if (pathNode != null && !pathNode.isNull()) {
      if (!pathNode.isTextual() || !pathNode.asText().startsWith("/")) {
        problems.error(p + ".path", "must be a string starting with '/'");
      } else {
        probePath = pathNode.asText();
      }
    }
    Set<Integer> targets = new LinkedHashSet<>();
    ports.forEach(port -> targets.add(port.target()));
    int port = 0;
    JsonNode portNode = node.get("port");
    if (portNode == null || portNode.isNull()) {
      if (targets.size() == 1) {
        port = targets.iterator().next();
      } else {
        problems.error(
            p + ".port",
            "is required when the service does not have exactly one container port"
                + (targets.isEmpty() ? " (it has none: add it under ports)" : " " + targets));
      }
    } else {
      Integer v = values.integer(p + ".port", portNode, 1, 65535);
      if (v != null && !targets.contains(v)) {
        problems.error(
            p + ".port",
            v
                + " is not one of the service's container ports "
                + targets
                + " (Baton probes through the published port)");
      } else if (v != null) {
        port = v;
      }
    }
    long interval =
        values.optionalDuration(
            p + ".interval", node, "interval", DEFAULT_PROBE_INTERVAL_MILLIS, true);
    long timeout =
        values.optionalDuration(
            p + ".timeout", node, "timeout", DEFAULT_PROBE_TIMEOUT_MILLIS, true);
    int retries = DEFAULT_PROBE_RETRIES;
    if (node.has("retries")) {
      Integer r = values.integer(p + ".retries", node.get("retries"), 1, 1000);
      retries = r == null ? retries : r;
    }
    return new HttpProbe(probePath, port, interval, timeout, retries);
  }
}

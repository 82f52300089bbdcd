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
record HealthBuilder(ComposeProblems problems, ValueReader values) {

  static final long DEFAULT_HEALTH_INTERVAL_MILLIS = 30_000;
  static final long DEFAULT_HEALTH_TIMEOUT_MILLIS = 30_000;
  static final int DEFAULT_HEALTH_RETRIES = 3;
  static final long DEFAULT_PROBE_INTERVAL_MILLIS = 1_000;
  static final long DEFAULT_PROBE_TIMEOUT_MILLIS = 1_000;
  static final int DEFAULT_PROBE_RETRIES = 3;

  /** How often a check runs, how long one may take, and how many may fail in a row. */
  private record Timing(long interval, long timeout, long startPeriod, int retries) {}

  private static final Timing HEALTH_DEFAULTS =
      new Timing(
          DEFAULT_HEALTH_INTERVAL_MILLIS, DEFAULT_HEALTH_TIMEOUT_MILLIS, 0, DEFAULT_HEALTH_RETRIES);
  private static final Timing PROBE_DEFAULTS =
      new Timing(
          DEFAULT_PROBE_INTERVAL_MILLIS, DEFAULT_PROBE_TIMEOUT_MILLIS, 0, DEFAULT_PROBE_RETRIES);

  HealthCheck healthcheck(String path, JsonNode node) {
    if (!values.mapping(path, node)) {
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
    if (node.has("start_interval")) {
      problems.warn(
          path + ".start_interval",
          "ignored: the engines' API (1.41) has no start interval; start_period applies");
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
    Timing timing = timing(path, node, HEALTH_DEFAULTS, true);
    return new HealthCheck(
        test,
        timing.interval(),
        timing.timeout(),
        timing.retries(),
        timing.startPeriod(),
        disabled);
  }

  HttpProbe probe(String path, JsonNode xb, List<PortSpec> ports) {
    if (!values.mapping(path, xb)) {
      return null;
    }
    JsonNode node = xb.get("probe");
    String p = path + ".probe";
    if (!values.mapping(p, node)) {
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
    Timing timing = timing(p, node, PROBE_DEFAULTS, false);
    return new HttpProbe(probePath, port, timing.interval(), timing.timeout(), timing.retries());
  }

  /**
   * The interval, timeout, start period (only where {@code startPeriod}: a probe has none) and
   * retries of a healthcheck or probe, in that order; {@code defaults} where a value is missing or
   * wrong.
   */
  private Timing timing(String path, JsonNode node, Timing defaults, boolean startPeriod) {
    long interval =
        values.optionalDuration(path + ".interval", node, "interval", defaults.interval(), true);
    long timeout =
        values.optionalDuration(path + ".timeout", node, "timeout", defaults.timeout(), true);
    long start =
        startPeriod
            ? values.optionalDuration(
                path + ".start_period", node, "start_period", defaults.startPeriod(), false)
            : defaults.startPeriod();
    int retries = defaults.retries();
    if (node.has("retries")) {
      Integer r = values.integer(path + ".retries", node.get("retries"), 1, 1000);
      retries = r == null ? retries : r;
    }
    return new Timing(interval, timeout, start, retries);
  }
}

package dev.baton.service.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.HttpProbe;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.Resources;
import dev.baton.workflows.model.RestartPolicy;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Compose file into Baton's {@link AppSpec}.
 *
 * <p>Steps: safe YAML loading ({@link SafeYaml}), Baton's list of supported keys, the official
 * Compose JSON schema ({@link ComposeSchema}), then Baton's own value and semantic rules. Every
 * problem found is reported, each with its key path and line, in one {@link SpecException}.
 *
 * <p>Interpretations: {@code parallelism: 0} is kept as 0 and means "all instances at once" (as in
 * Swarm), so it stays right after a scale; {@code depends_on} conditions service_started and
 * service_healthy are both accepted and both mean "after it is healthy", since every rollout step
 * is health-gated; environment and labels are sorted by key; a healthcheck with {@code disable:
 * true} or test {@code [NONE]} becomes test {@code [NONE]}, disabled; a port without host_ip has
 * hostIp "" (the activities pick the bind address); no variable interpolation is done. Services
 * come in dependency order, ties in file order, so reordering services changes the rollout order
 * and the digest; reordering keys anywhere else does not.
 *
 * <p>Thread-safe and stateless; the compiled schema is shared.
 */
public final class ComposeParser {

  static final long DEFAULT_HEALTH_INTERVAL_MILLIS = 30_000;
  static final long DEFAULT_HEALTH_TIMEOUT_MILLIS = 30_000;
  static final int DEFAULT_HEALTH_RETRIES = 3;
  static final long DEFAULT_PROBE_INTERVAL_MILLIS = 1_000;
  static final long DEFAULT_PROBE_TIMEOUT_MILLIS = 1_000;
  static final int DEFAULT_PROBE_RETRIES = 3;
  static final long DEFAULT_STOP_GRACE_MILLIS = 10_000;
  static final int MAX_REPLICAS = 100;

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private static final Set<String> TOP_KEYS = Set.of("name", "services", "x-baton");
  private static final Set<String> TOP_XBATON_KEYS = Set.of("progress_deadline", "placement");
  private static final Set<String> SERVICE_KEYS =
      Set.of(
          "image",
          "command",
          "entrypoint",
          "environment",
          "ports",
          "healthcheck",
          "depends_on",
          "labels",
          "init",
          "stop_grace_period",
          "x-baton",
          "deploy");
  private static final Set<String> SERVICE_XBATON_KEYS = Set.of("probe");
  private static final Set<String> PROBE_KEYS =
      Set.of("path", "port", "interval", "timeout", "retries");
  private static final Set<String> HEALTH_KEYS =
      Set.of("test", "interval", "timeout", "retries", "start_period", "disable");
  private static final Set<String> DEPLOY_KEYS =
      Set.of(
          "replicas",
          "update_config",
          "rollback_config",
          "placement",
          "resources",
          "restart_policy");
  private static final Set<String> RESTART_KEYS =
      Set.of("condition", "delay", "max_attempts", "window");
  private static final Set<String> POLICY_KEYS =
      Set.of("parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order");
  private static final Set<String> PLACEMENT_KEYS = Set.of("constraints");
  private static final Set<String> RESOURCES_KEYS = Set.of("limits", "reservations");
  private static final Set<String> RESOURCE_KEYS = Set.of("cpus", "memory");
  private static final Set<String> PORT_KEYS = Set.of("target", "published", "host_ip", "protocol");
  private static final Set<String> DEPENDS_KEYS = Set.of("condition");

  private static final Map<String, String> HINTS =
      Map.ofEntries(
          Map.entry("build", "images must come from a registry"),
          Map.entry("volumes", "instances are replaceable and keep no state on a host"),
          Map.entry("networks", "Baton puts every app on its own network"),
          Map.entry("secrets", "pass configuration through environment"),
          Map.entry("configs", "pass configuration through environment"),
          Map.entry("container_name", "Baton names containers <app>-<service>-r<rev>-<slot>"),
          Map.entry("restart", "Baton itself replaces crashed instances"),
          Map.entry("env_file", "write the variables under environment"),
          Map.entry("extends", "write the service out in full"),
          Map.entry("include", "put the whole app in one file"),
          Map.entry("profiles", "every service of an app is deployed"),
          Map.entry("version", "the key is obsolete in Compose; remove it"),
          Map.entry("network_mode", "Baton puts every app on its own network"),
          Map.entry("privileged", "it is not allowed"),
          Map.entry("mode", "only replicated services exist"));

  private static final Pattern PORT_SHORT =
      Pattern.compile(
          "(?:(?:(\\[[0-9a-fA-F:.]+\\]|[0-9.]+|[a-zA-Z0-9.-]+):)?([0-9-]*):)?([0-9-]+)(?:/([a-z]+))?");
  private static final Pattern HOSTNAME_CONSTRAINT =
      Pattern.compile("node\\.hostname\\s*(==|!=)\\s*(\\S+)");
  private static final Pattern LABEL_CONSTRAINT =
      Pattern.compile("node\\.labels\\.([A-Za-z0-9][A-Za-z0-9._/-]*)\\s*(==|!=)\\s*(\\S+)");
  private static final Pattern ENV_NAME = Pattern.compile("[^=\\s]+");

  public ComposeParser() {}

  /**
   * Parses and checks a Compose file.
   *
   * @param appName the app's name (a DNS label); a top-level {@code name} must equal it
   * @param yaml the Compose file
   * @return the spec, its canonical JSON and digest
   * @throws SpecException with every problem found
   */
  public ParsedApp parse(String appName, String yaml) {
    List<SpecError> errors = new ArrayList<>();
    var doc = SafeYaml.load(yaml, errors);
    if (doc.isEmpty()) {
      throw new SpecException(errors);
    }
    AppSpec spec = new Run(doc.get(), errors).app(appName);
    if (!errors.isEmpty() || spec == null) {
      List<SpecError> sorted = new ArrayList<>(errors);
      sorted.sort(
          Comparator.comparing(SpecError::line, Comparator.nullsFirst(Comparator.naturalOrder())));
      throw new SpecException(sorted);
    }
    String json = canonicalJson(spec);
    return new ParsedApp(spec, json, digest(json));
  }

  /** The canonical JSON of a spec: sorted keys, no whitespace. */
  public static String canonicalJson(AppSpec spec) {
    try {
      return CANONICAL.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize spec", e);
    }
  }

  /** {@code sha256:} + lowercase hex SHA-256 of the UTF-8 bytes of {@code canonicalJson}. */
  public static String digest(String canonicalJson) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One parse: the document and the errors found so far. */
  private static final class Run {
    private final SafeYaml.Doc doc;
    private final List<SpecError> errors;
    private final Set<String> errorPaths = new LinkedHashSet<>();

    Run(SafeYaml.Doc doc, List<SpecError> errors) {
      this.doc = doc;
      this.errors = errors;
    }

    AppSpec app(String appName) {
      JsonNode root = doc.root();
      List<ComposeSchema.Violation> violations = ComposeSchema.validate(root);
      Set<String> notCompose = new LinkedHashSet<>();
      for (ComposeSchema.Violation v : violations) {
        if (v.message().startsWith("unknown key")) {
          notCompose.add(v.path());
        }
      }
      checkKeys(root, notCompose);
      for (ComposeSchema.Violation v : violations) {
        error(v.path(), v.message());
      }

      if (!SpecValues.isDnsLabel(appName)) {
        error(
            "",
            "app name '"
                + appName
                + "' is not a DNS label (lowercase letters, digits and '-', 1 to 63 characters,"
                + " not starting or ending with '-')");
      }
      JsonNode name = root.get("name");
      if (name != null && name.isTextual() && !name.asText().equals(appName)) {
        error("name", "'" + name.asText() + "' differs from the app name '" + appName + "'");
      }

      long deadline = AppSpec.DEFAULT_PROGRESS_DEADLINE_MILLIS;
      JsonNode xb = root.get("x-baton");
      if (xb != null && xb.isObject() && xb.has("progress_deadline")) {
        Long d = duration("x-baton.progress_deadline", xb.get("progress_deadline"));
        if (d != null && d <= 0) {
          error("x-baton.progress_deadline", "must be longer than 0");
        } else if (d != null) {
          deadline = d;
        }
      } else if (xb != null && !xb.isObject()) {
        error("x-baton", "must be a mapping");
      }
      String placement = null;
      if (xb != null && xb.isObject() && xb.has("placement")) {
        placement = choice("x-baton.placement", xb.get("placement"), "spread", "binpack");
      }

      JsonNode services = root.get("services");
      Map<String, ServiceSpec> parsed = new LinkedHashMap<>();
      if (services == null || services.isNull()) {
        error("services", "at least one service is required");
      } else if (!services.isObject()) {
        error("services", "must be a mapping of service names to services");
      } else if (services.isEmpty()) {
        error("services", "at least one service is required");
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
          var e = it.next();
          ServiceSpec s = service(e.getKey(), "services." + e.getKey(), e.getValue());
          if (s != null) {
            parsed.put(e.getKey(), s);
          }
        }
        checkHostPortsUnique(parsed);
      }
      List<ServiceSpec> ordered = order(parsed);
      if (!errors.isEmpty()) {
        return null;
      }
      return new AppSpec(appName, List.copyOf(ordered), deadline, placement);
    }

    // ---- supported keys ----

    private void checkKeys(JsonNode root, Set<String> notCompose) {
      allowOnly("", root, TOP_KEYS, notCompose);
      JsonNode xb = root.get("x-baton");
      allowOnly("x-baton", xb, TOP_XBATON_KEYS, notCompose);
      JsonNode services = root.get("services");
      if (services == null || !services.isObject()) {
        return;
      }
      services
          .fields()
          .forEachRemaining(
              e -> {
                String p = "services." + e.getKey();
                JsonNode s = e.getValue();
                allowOnly(p, s, SERVICE_KEYS, notCompose);
                if (s == null || !s.isObject()) {
                  return;
                }
                JsonNode x = s.get("x-baton");
                allowOnly(p + ".x-baton", x, SERVICE_XBATON_KEYS, notCompose);
                if (x != null && x.isObject()) {
                  allowOnly(p + ".x-baton.probe", x.get("probe"), PROBE_KEYS, notCompose);
                }
                allowOnly(p + ".healthcheck", s.get("healthcheck"), HEALTH_KEYS, notCompose);
                JsonNode deps = s.get("depends_on");
                if (deps != null && deps.isObject()) {
                  deps.fields()
                      .forEachRemaining(
                          d ->
                              allowOnly(
                                  p + ".depends_on." + d.getKey(),
                                  d.getValue(),
                                  DEPENDS_KEYS,
                                  notCompose));
                }
                JsonNode ports = s.get("ports");
                if (ports != null && ports.isArray()) {
                  for (int i = 0; i < ports.size(); i++) {
                    allowOnly(p + ".ports[" + i + "]", ports.get(i), PORT_KEYS, notCompose);
                  }
                }
                JsonNode deploy = s.get("deploy");
                allowOnly(p + ".deploy", deploy, DEPLOY_KEYS, notCompose);
                if (deploy != null && deploy.isObject()) {
                  String dp = p + ".deploy";
                  allowOnly(
                      dp + ".update_config", deploy.get("update_config"), POLICY_KEYS, notCompose);
                  allowOnly(
                      dp + ".rollback_config",
                      deploy.get("rollback_config"),
                      POLICY_KEYS,
                      notCompose);
                  allowOnly(dp + ".placement", deploy.get("placement"), PLACEMENT_KEYS, notCompose);
                  allowOnly(
                      dp + ".restart_policy",
                      deploy.get("restart_policy"),
                      RESTART_KEYS,
                      notCompose);
                  JsonNode res = deploy.get("resources");
                  allowOnly(dp + ".resources", res, RESOURCES_KEYS, notCompose);
                  if (res != null && res.isObject()) {
                    allowOnly(
                        dp + ".resources.limits", res.get("limits"), RESOURCE_KEYS, notCompose);
                    allowOnly(
                        dp + ".resources.reservations",
                        res.get("reservations"),
                        RESOURCE_KEYS,
                        notCompose);
                  }
                }
              });
    }

    private void allowOnly(
        String path, JsonNode node, Set<String> allowed, Set<String> notCompose) {
      if (node == null || !node.isObject()) {
        return;
      }
      node.fieldNames()
          .forEachRemaining(
              key -> {
                if (allowed.contains(key)) {
                  return;
                }
                String p = path.isEmpty() ? key : path + "." + key;
                if (notCompose.contains(p)) {
                  error(p, "unknown key (not part of the Compose specification nor of Baton)");
                } else {
                  String hint = HINTS.get(key);
                  error(p, "not supported by Baton" + (hint == null ? "" : " (" + hint + ")"));
                }
              });
    }

    // ---- services ----

    private ServiceSpec service(String name, String path, JsonNode s) {
      if (!SpecValues.isDnsLabel(name)) {
        error(
            path,
            "service name '"
                + name
                + "' is not a DNS label (lowercase letters, digits and '-', 1 to 63 characters,"
                + " not starting or ending with '-')");
      }
      if (s == null || !s.isObject()) {
        error(path, "must be a mapping");
        return null;
      }
      String image = "";
      JsonNode imageNode = s.get("image");
      if (imageNode == null || imageNode.isNull()) {
        error(path + ".image", "is required (Baton runs images from a registry)");
      } else if (!imageNode.isTextual()) {
        error(path + ".image", "must be a string");
      } else {
        image = imageNode.asText();
        try {
          SpecValues.checkImage(image);
        } catch (IllegalArgumentException e) {
          error(path + ".image", e.getMessage());
        }
      }
      List<String> command = commandLine(path + ".command", s.get("command"));
      List<String> entrypoint = commandLine(path + ".entrypoint", s.get("entrypoint"));
      Map<String, String> environment =
          keyValues(path + ".environment", s.get("environment"), false);
      Map<String, String> labels = keyValues(path + ".labels", s.get("labels"), true);
      for (String key : labels.keySet()) {
        if (key.startsWith("baton.")) {
          error(path + ".labels." + key, "labels starting with 'baton.' are reserved for Baton");
        }
      }

      JsonNode deploy = s.get("deploy");
      int replicas = 1;
      UpdatePolicy update = UpdatePolicy.defaults();
      UpdatePolicy rollback = UpdatePolicy.defaults();
      List<String> constraints = List.of();
      Resources resources = Resources.none();
      RestartPolicy restart = null;
      if (deploy != null && deploy.isObject()) {
        String dp = path + ".deploy";
        if (deploy.has("replicas")) {
          Integer r = integer(dp + ".replicas", deploy.get("replicas"), 0, MAX_REPLICAS);
          if (r != null) {
            replicas = r;
          }
        }
        update = policy(dp + ".update_config", deploy.get("update_config"), update);
        rollback = policy(dp + ".rollback_config", deploy.get("rollback_config"), rollback);
        constraints = constraints(dp + ".placement", deploy.get("placement"));
        resources = resources(dp + ".resources", deploy.get("resources"));
        restart = restartPolicy(dp + ".restart_policy", deploy.get("restart_policy"));
      } else if (deploy != null && !deploy.isNull()) {
        error(path + ".deploy", "must be a mapping");
      }

      List<PortSpec> ports = ports(path + ".ports", s.get("ports"), replicas, update, rollback);
      HealthCheck healthcheck = healthcheck(path + ".healthcheck", s.get("healthcheck"));
      HttpProbe probe = probe(path + ".x-baton", s.get("x-baton"), ports);
      List<String> dependsOn = dependsOn(path + ".depends_on", s.get("depends_on"));
      boolean init = false;
      if (s.has("init")) {
        Boolean b = bool(path + ".init", s.get("init"));
        init = b != null && b;
      }
      long stopGrace = DEFAULT_STOP_GRACE_MILLIS;
      if (s.has("stop_grace_period")) {
        Long d = duration(path + ".stop_grace_period", s.get("stop_grace_period"));
        if (d != null) {
          stopGrace = d;
        }
      }
      return new ServiceSpec(
          name,
          image,
          command,
          entrypoint,
          environment,
          ports,
          healthcheck,
          probe,
          dependsOn,
          labels,
          replicas,
          update,
          rollback,
          constraints,
          resources,
          init,
          stopGrace,
          restart);
    }

    /** Swarm's {@code deploy.restart_policy}: what self-healing does when an instance exits. */
    private RestartPolicy restartPolicy(String p, JsonNode node) {
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isObject()) {
        error(p, "must be a mapping");
        return null;
      }
      RestartPolicy d = RestartPolicy.defaults();
      RestartPolicy.Condition condition = d.condition();
      if (node.has("condition")) {
        String c = choice(p + ".condition", node.get("condition"), "none", "on-failure", "any");
        if (c != null) {
          condition = RestartPolicy.Condition.valueOf(c.toUpperCase().replace('-', '_'));
        }
      }
      long delay = optionalDuration(p + ".delay", node, "delay", d.delayMillis(), false);
      int attempts = d.maxAttempts();
      if (node.has("max_attempts")) {
        Integer a = integer(p + ".max_attempts", node.get("max_attempts"), 0, 1_000_000);
        attempts = a == null ? attempts : a;
      }
      long window = optionalDuration(p + ".window", node, "window", d.windowMillis(), false);
      return new RestartPolicy(condition, delay, attempts, window);
    }

    private List<String> commandLine(String path, JsonNode node) {
      if (node == null || node.isNull()) {
        return List.of();
      }
      if (node.isTextual()) {
        try {
          return List.copyOf(SpecValues.shellSplit(node.asText()));
        } catch (IllegalArgumentException e) {
          error(path, e.getMessage());
          return List.of();
        }
      }
      if (node.isArray()) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          JsonNode item = node.get(i);
          if (!item.isTextual()) {
            error(path + "[" + i + "]", "must be a string");
          } else {
            out.add(item.asText());
          }
        }
        return List.copyOf(out);
      }
      error(path, "must be a string or a list of strings");
      return List.of();
    }

    /** Environment or labels: a map, or a list of KEY=VALUE. Sorted by key. */
    private Map<String, String> keyValues(String path, JsonNode node, boolean labels) {
      Map<String, String> out = new TreeMap<>();
      if (node == null || node.isNull()) {
        return Collections.unmodifiableMap(out);
      }
      if (node.isObject()) {
        node.fields()
            .forEachRemaining(
                e -> {
                  String p = path + "." + e.getKey();
                  JsonNode v = e.getValue();
                  if (!labels && !ENV_NAME.matcher(e.getKey()).matches()) {
                    error(p, "'" + e.getKey() + "' is not a valid variable name");
                  } else if (v.isNull()) {
                    if (labels) {
                      out.put(e.getKey(), "");
                    } else {
                      error(
                          p,
                          "has no value (Baton does not take values from its own environment);"
                              + " write the value, or '' for empty");
                    }
                  } else if (v.isValueNode()) {
                    String raw = doc.raw().get(p);
                    out.put(e.getKey(), raw != null ? raw : v.asText());
                  } else {
                    error(p, "must be a string, number or boolean");
                  }
                });
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          String p = path + "[" + i + "]";
          JsonNode item = node.get(i);
          if (!item.isTextual()) {
            error(p, "must be a string KEY=VALUE");
            continue;
          }
          String text = item.asText();
          int eq = text.indexOf('=');
          String key = eq < 0 ? text : text.substring(0, eq);
          if (key.isEmpty() || (!labels && !ENV_NAME.matcher(key).matches())) {
            error(p, "'" + text + "' is not KEY=VALUE");
          } else if (eq < 0 && !labels) {
            error(
                p,
                "'"
                    + text
                    + "' has no value (Baton does not take values from its own environment);"
                    + " write "
                    + text
                    + "=VALUE");
          } else if (out.containsKey(key)) {
            error(p, "'" + key + "' is set twice");
          } else {
            out.put(key, eq < 0 ? "" : text.substring(eq + 1));
          }
        }
      } else {
        error(path, "must be a mapping or a list of KEY=VALUE strings");
      }
      return Collections.unmodifiableMap(out);
    }

    private UpdatePolicy policy(String path, JsonNode node, UpdatePolicy defaults) {
      if (node == null || node.isNull()) {
        return defaults;
      }
      if (!node.isObject()) {
        error(path, "must be a mapping");
        return defaults;
      }
      int parallelism = defaults.parallelism();
      long delay = defaults.delayMillis();
      UpdatePolicy.FailureAction action = defaults.failureAction();
      long monitor = defaults.monitorMillis();
      double ratio = defaults.maxFailureRatio();
      UpdatePolicy.Order order = defaults.order();
      if (node.has("parallelism")) {
        Integer v = integer(path + ".parallelism", node.get("parallelism"), 0, Integer.MAX_VALUE);
        parallelism = v == null ? parallelism : v;
      }
      if (node.has("delay")) {
        Long v = duration(path + ".delay", node.get("delay"));
        delay = v == null ? delay : v;
      }
      if (node.has("failure_action")) {
        String v =
            choice(
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
        Long v = duration(path + ".monitor", node.get("monitor"));
        monitor = v == null ? monitor : v;
      }
      if (node.has("max_failure_ratio")) {
        Double v = number(path + ".max_failure_ratio", node.get("max_failure_ratio"), 0, 1);
        ratio = v == null ? ratio : v;
      }
      if (node.has("order")) {
        String v = choice(path + ".order", node.get("order"), "stop-first", "start-first");
        if (v != null) {
          order =
              v.equals("stop-first")
                  ? UpdatePolicy.Order.STOP_FIRST
                  : UpdatePolicy.Order.START_FIRST;
        }
      }
      return new UpdatePolicy(parallelism, delay, action, monitor, ratio, order);
    }

    private List<String> constraints(String path, JsonNode placement) {
      if (placement == null || placement.isNull()) {
        return List.of();
      }
      if (!placement.isObject()) {
        error(path, "must be a mapping");
        return List.of();
      }
      JsonNode list = placement.get("constraints");
      if (list == null || list.isNull()) {
        return List.of();
      }
      if (!list.isArray()) {
        error(path + ".constraints", "must be a list of strings");
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String p = path + ".constraints[" + i + "]";
        JsonNode item = list.get(i);
        if (!item.isTextual()) {
          error(p, "must be a string");
          continue;
        }
        String c = item.asText().trim();
        Matcher h = HOSTNAME_CONSTRAINT.matcher(c);
        Matcher l = LABEL_CONSTRAINT.matcher(c);
        if (h.matches()) {
          out.add("node.hostname" + h.group(1) + h.group(2));
        } else if (l.matches()) {
          out.add("node.labels." + l.group(1) + l.group(2) + l.group(3));
        } else {
          error(
              p,
              "'"
                  + c
                  + "' is not supported; Baton understands only node.hostname==NAME,"
                  + " node.hostname!=NAME, node.labels.KEY==VALUE and node.labels.KEY!=VALUE");
        }
      }
      return List.copyOf(out);
    }

    private Resources resources(String path, JsonNode node) {
      if (node == null || node.isNull()) {
        return Resources.none();
      }
      if (!node.isObject()) {
        error(path, "must be a mapping");
        return Resources.none();
      }
      double[] cpus = new double[2];
      long[] memory = new long[2];
      String[] kinds = {"limits", "reservations"};
      for (int k = 0; k < 2; k++) {
        JsonNode r = node.get(kinds[k]);
        String p = path + "." + kinds[k];
        if (r == null || r.isNull()) {
          continue;
        }
        if (!r.isObject()) {
          error(p, "must be a mapping");
          continue;
        }
        if (r.has("cpus")) {
          Double c = number(p + ".cpus", r.get("cpus"), 0, 4096);
          if (c != null && c <= 0) {
            error(p + ".cpus", "must be more than 0");
          } else if (c != null) {
            cpus[k] = c;
          }
        }
        if (r.has("memory")) {
          Long m = byteSize(p + ".memory", r.get("memory"));
          if (m != null && m <= 0) {
            error(p + ".memory", "must be more than 0");
          } else if (m != null) {
            memory[k] = m;
          }
        }
      }
      if (cpus[0] > 0 && cpus[1] > cpus[0]) {
        error(path + ".reservations.cpus", "must not exceed limits.cpus");
      }
      if (memory[0] > 0 && memory[1] > memory[0]) {
        error(path + ".reservations.memory", "must not exceed limits.memory");
      }
      return new Resources(cpus[0], memory[0], cpus[1], memory[1]);
    }

    private List<PortSpec> ports(
        String path, JsonNode node, int replicas, UpdatePolicy update, UpdatePolicy rollback) {
      if (node == null || node.isNull()) {
        return List.of();
      }
      if (!node.isArray()) {
        error(path, "must be a list");
        return List.of();
      }
      List<PortSpec> out = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        String p = path + "[" + i + "]";
        PortSpec port = port(p, node.get(i));
        if (port == null) {
          continue;
        }
        if (port.published() != 0
            && (replicas != 1
                || update.order() != UpdatePolicy.Order.STOP_FIRST
                || rollback.order() != UpdatePolicy.Order.STOP_FIRST)) {
          error(
              p,
              "fixed host port "
                  + port.published()
                  + " is only allowed with deploy.replicas: 1 and order: stop-first in"
                  + " update_config and rollback_config, since two instances cannot bind the same"
                  + " host port; Baton publishes each instance on an ephemeral 127.0.0.1 port, so"
                  + " give only the container port ("
                  + port.target()
                  + ")");
        }
        out.add(port);
      }
      return List.copyOf(out);
    }

    private PortSpec port(String p, JsonNode item) {
      if (item.isIntegralNumber()) {
        int target = item.asInt();
        if (!item.canConvertToInt() || target < 1 || target > 65535) {
          error(p, "container port must be between 1 and 65535");
          return null;
        }
        return new PortSpec(target, 0, "", "tcp");
      }
      if (item.isTextual()) {
        String text = item.asText().trim();
        Matcher m = PORT_SHORT.matcher(text);
        if (!m.matches()) {
          error(
              p,
              "'"
                  + text
                  + "' is not a port mapping ([[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL])");
          return null;
        }
        String hostIp = m.group(1) == null ? "" : m.group(1);
        if (hostIp.startsWith("[")) {
          hostIp = hostIp.substring(1, hostIp.length() - 1);
        }
        Integer published =
            m.group(2) == null || m.group(2).isEmpty()
                ? Integer.valueOf(0)
                : portNumber(p, m.group(2), "host port");
        Integer target = portNumber(p, m.group(3), "container port");
        String protocol = protocol(p, m.group(4));
        if (published == null || target == null || protocol == null) {
          return null;
        }
        return new PortSpec(target, published, hostIp, protocol);
      }
      if (item.isObject()) {
        JsonNode t = item.get("target");
        Integer target = null;
        if (t == null || t.isNull()) {
          error(p + ".target", "is required");
        } else {
          target = portValue(p + ".target", t, "container port");
        }
        Integer published = 0;
        JsonNode pub = item.get("published");
        if (pub != null && !pub.isNull() && !(pub.isTextual() && pub.asText().isEmpty())) {
          published = portValue(p + ".published", pub, "host port");
        }
        String hostIp = "";
        JsonNode ip = item.get("host_ip");
        if (ip != null && !ip.isNull()) {
          if (!ip.isTextual()) {
            error(p + ".host_ip", "must be a string");
          } else {
            hostIp = ip.asText();
          }
        }
        String protocol = "tcp";
        JsonNode proto = item.get("protocol");
        if (proto != null && !proto.isNull()) {
          protocol = proto.isTextual() ? protocol(p + ".protocol", proto.asText()) : null;
          if (!proto.isTextual()) {
            error(p + ".protocol", "must be tcp or udp");
          }
        }
        if (target == null || published == null || protocol == null) {
          return null;
        }
        return new PortSpec(target, published, hostIp, protocol);
      }
      error(p, "must be a port number, a port mapping string or a mapping");
      return null;
    }

    private Integer portValue(String p, JsonNode node, String what) {
      if (node.isIntegralNumber() || node.isTextual()) {
        return portNumber(p, node.asText(), what);
      }
      error(p, what + " must be a number between 1 and 65535");
      return null;
    }

    private Integer portNumber(String p, String text, String what) {
      if (text.contains("-")) {
        error(p, "port ranges ('" + text + "') are not supported by Baton");
        return null;
      }
      try {
        int n = Integer.parseInt(text);
        if (n >= 1 && n <= 65535) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through
      }
      error(p, what + " '" + text + "' must be a number between 1 and 65535");
      return null;
    }

    private String protocol(String p, String proto) {
      if (proto == null) {
        return "tcp";
      }
      if (proto.equals("tcp") || proto.equals("udp")) {
        return proto;
      }
      error(p, "protocol '" + proto + "' must be tcp or udp");
      return null;
    }

    private HealthCheck healthcheck(String path, JsonNode node) {
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isObject()) {
        error(path, "must be a mapping");
        return null;
      }
      List<String> test = List.of();
      boolean disabled = false;
      JsonNode t = node.get("test");
      if (t != null && !t.isNull()) {
        if (t.isTextual()) {
          if (t.asText().isBlank()) {
            error(path + ".test", "must not be empty");
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
            error(path + ".test", "must be a list of strings");
          } else if ("NONE".equals(first) && items.size() == 1) {
            disabled = true;
            test = List.of("NONE");
          } else if ("CMD".equals(first) && items.size() >= 2) {
            test = List.copyOf(items);
          } else if ("CMD-SHELL".equals(first) && items.size() == 2) {
            test = List.copyOf(items);
          } else {
            error(
                path + ".test",
                "must be [\"CMD\", executable, args...], [\"CMD-SHELL\", command], [\"NONE\"] or a"
                    + " command string");
          }
        } else {
          error(path + ".test", "must be a string or a list of strings");
        }
      }
      if (node.has("disable")) {
        Boolean d = bool(path + ".disable", node.get("disable"));
        if (d != null && d) {
          if (!test.isEmpty() && !disabled) {
            error(path + ".disable", "disable: true cannot be combined with a test");
          }
          disabled = true;
          test = List.of("NONE");
        }
      }
      long interval =
          optionalDuration(
              path + ".interval", node, "interval", DEFAULT_HEALTH_INTERVAL_MILLIS, true);
      long timeout =
          optionalDuration(path + ".timeout", node, "timeout", DEFAULT_HEALTH_TIMEOUT_MILLIS, true);
      long start = optionalDuration(path + ".start_period", node, "start_period", 0, false);
      int retries = DEFAULT_HEALTH_RETRIES;
      if (node.has("retries")) {
        Integer r = integer(path + ".retries", node.get("retries"), 1, 1000);
        retries = r == null ? retries : r;
      }
      return new HealthCheck(test, interval, timeout, retries, start, disabled);
    }

    private HttpProbe probe(String path, JsonNode xb, List<PortSpec> ports) {
      if (xb == null || xb.isNull()) {
        return null;
      }
      if (!xb.isObject()) {
        error(path, "must be a mapping");
        return null;
      }
      JsonNode node = xb.get("probe");
      String p = path + ".probe";
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isObject()) {
        error(p, "must be a mapping");
        return null;
      }
      String probePath = "/";
      JsonNode pathNode = node.get("path");
      if (pathNode != null && !pathNode.isNull()) {
        if (!pathNode.isTextual() || !pathNode.asText().startsWith("/")) {
          error(p + ".path", "must be a string starting with '/'");
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
          error(
              p + ".port",
              "is required when the service does not have exactly one container port"
                  + (targets.isEmpty() ? " (it has none: add it under ports)" : " " + targets));
        }
      } else {
        Integer v = integer(p + ".port", portNode, 1, 65535);
        if (v != null && !targets.contains(v)) {
          error(
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
          optionalDuration(p + ".interval", node, "interval", DEFAULT_PROBE_INTERVAL_MILLIS, true);
      long timeout =
          optionalDuration(p + ".timeout", node, "timeout", DEFAULT_PROBE_TIMEOUT_MILLIS, true);
      int retries = DEFAULT_PROBE_RETRIES;
      if (node.has("retries")) {
        Integer r = integer(p + ".retries", node.get("retries"), 1, 1000);
        retries = r == null ? retries : r;
      }
      return new HttpProbe(probePath, port, interval, timeout, retries);
    }

    private List<String> dependsOn(String path, JsonNode node) {
      if (node == null || node.isNull()) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          JsonNode item = node.get(i);
          if (!item.isTextual()) {
            error(path + "[" + i + "]", "must be a service name");
          } else if (out.contains(item.asText())) {
            error(path + "[" + i + "]", "'" + item.asText() + "' is listed twice");
          } else {
            out.add(item.asText());
          }
        }
      } else if (node.isObject()) {
        node.fields()
            .forEachRemaining(
                e -> {
                  out.add(e.getKey());
                  JsonNode v = e.getValue();
                  String p = path + "." + e.getKey();
                  if (v != null && v.isObject() && v.has("condition")) {
                    choice(
                        p + ".condition", v.get("condition"), "service_started", "service_healthy");
                  } else if (v != null && !v.isNull() && !v.isObject()) {
                    error(p, "must be a mapping with a condition");
                  }
                });
      } else {
        error(path, "must be a list of service names or a mapping");
      }
      return List.copyOf(out);
    }

    /** Dependency order; ties keep file order. Reports unknown services and cycles. */
    private List<ServiceSpec> order(Map<String, ServiceSpec> services) {
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
                doc.line(base + "[" + i + "]") != null ? base + "[" + i + "]" : base + "." + d;
            error(p, "unknown service '" + d + "'");
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
        error(
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

    private void checkHostPortsUnique(Map<String, ServiceSpec> services) {
      Map<String, String> seen = new HashMap<>();
      for (ServiceSpec s : services.values()) {
        for (int i = 0; i < s.ports().size(); i++) {
          PortSpec p = s.ports().get(i);
          if (p.published() == 0) {
            continue;
          }
          String key = p.hostIp() + ":" + p.published() + "/" + p.protocol();
          String path = "services." + s.name() + ".ports[" + i + "]";
          String other = seen.putIfAbsent(key, path);
          if (other != null) {
            error(path, "host port " + p.published() + " is already published by " + other);
          }
        }
      }
    }

    // ---- scalar helpers: each reports its own error and returns null on failure ----

    private long optionalDuration(String p, JsonNode obj, String key, long dflt, boolean positive) {
      if (!obj.has(key) || obj.get(key).isNull()) {
        return dflt;
      }
      Long d = duration(p, obj.get(key));
      if (d == null) {
        return dflt;
      }
      if (positive && d <= 0) {
        error(p, "must be longer than 0");
        return dflt;
      }
      return d;
    }

    private Long duration(String p, JsonNode node) {
      if (!node.isTextual()) {
        error(p, "must be a duration string such as '10s', '1m30s' or '500ms'");
        return null;
      }
      try {
        return SpecValues.durationMillis(node.asText());
      } catch (IllegalArgumentException e) {
        error(p, e.getMessage());
        return null;
      }
    }

    private Long byteSize(String p, JsonNode node) {
      if (!node.isTextual() && !node.isIntegralNumber()) {
        error(p, "must be a byte size such as '512m', '1g' or '1048576'");
        return null;
      }
      try {
        return SpecValues.bytes(node.asText());
      } catch (IllegalArgumentException e) {
        error(p, e.getMessage());
        return null;
      }
    }

    private Integer integer(String p, JsonNode node, int min, int max) {
      Long v = null;
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        v = node.asLong();
      } else if (node.isTextual() && node.asText().trim().matches("[+-]?\\d{1,18}")) {
        v = Long.parseLong(node.asText().trim());
      }
      if (v == null) {
        error(p, "must be an integer");
        return null;
      }
      if (v < min || v > max) {
        error(
            p,
            v
                + " is out of range (must be "
                + (max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max)
                + ")");
        return null;
      }
      return v.intValue();
    }

    private Double number(String p, JsonNode node, double min, double max) {
      Double v = null;
      if (node.isNumber()) {
        v = node.asDouble();
      } else if (node.isTextual()) {
        try {
          v = Double.parseDouble(node.asText().trim());
        } catch (NumberFormatException e) {
          v = null;
        }
      }
      if (v == null || v.isNaN() || v.isInfinite()) {
        error(p, "must be a number");
        return null;
      }
      if (v < min || v > max) {
        error(p, v + " is out of range (must be between " + min + " and " + max + ")");
        return null;
      }
      return v;
    }

    private Boolean bool(String p, JsonNode node) {
      if (node.isBoolean()) {
        return node.asBoolean();
      }
      if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
        return Boolean.valueOf(node.asText());
      }
      error(p, "must be true or false");
      return null;
    }

    private String choice(String p, JsonNode node, String... allowed) {
      if (node.isTextual()) {
        for (String a : allowed) {
          if (a.equals(node.asText())) {
            return a;
          }
        }
      }
      error(p, "'" + node.asText() + "' is not one of " + String.join(", ", allowed));
      return null;
    }

    // ---- errors ----

    /** Records an error unless one is already recorded at this path or an enclosing one. */
    private void error(String path, String message) {
      for (String p : errorPaths) {
        if (path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "[")) {
          return;
        }
      }
      if (!path.isEmpty()) {
        errorPaths.add(path);
      }
      errors.add(
          new SpecError(path, lineOf(path), path.isEmpty() ? message : path + ": " + message));
    }

    /** Line of the key at {@code path}, or of the nearest enclosing key that has one. */
    private Integer lineOf(String path) {
      String p = path;
      while (!p.isEmpty()) {
        Integer line = doc.line(p);
        if (line != null) {
          return line;
        }
        int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        p = cut < 0 ? "" : p.substring(0, cut);
      }
      return null;
    }
  }
}

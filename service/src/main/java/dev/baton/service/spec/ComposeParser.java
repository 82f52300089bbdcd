package dev.baton.service.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.VolumeSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Compose file into Baton's {@link AppSpec}.
 *
 * <p>Steps: safe YAML loading ({@link SafeYaml}); the keys, against the Compose Specification's
 * JSON schema and Baton's subset of it ({@link SupportedKeys}); then each section read by its
 * builder ({@link ServiceBuilder}, {@link DeployBuilder}, {@link PortsBuilder}, {@link
 * HealthBuilder}, {@link VolumesBuilder}) with the value readers of {@link ValueReader}, and the
 * services put in order ({@link ServiceOrder}). Every problem found is reported, each with its key
 * path and line, in one {@link SpecException}.
 *
 * <p>Interpretations: {@code parallelism: 0} is kept as 0 and means "all instances at once" (as in
 * Swarm), so it stays right after a scale; {@code depends_on} conditions service_started and
 * service_healthy are both accepted and both mean "after it is healthy", since every rollout step
 * is health-gated, while service_completed_successfully makes the dependency a job that must exit
 * 0; environment and labels are sorted by key; a healthcheck with {@code disable: true} or test
 * {@code [NONE]} becomes test {@code [NONE]}, disabled; a port without host_ip has hostIp "" (the
 * activities pick the bind address). Before any of that, variables are filled in ({@link
 * Interpolation}), {@code extends} and profiles are resolved ({@link Extends}, {@link Profiles})
 * and env files merged into environment ({@link Environments}). Services come in dependency order,
 * ties in file order, so reordering services changes the rollout order and the digest; reordering
 * keys anywhere else does not.
 *
 * <p>Thread-safe and stateless but for its settings (the host paths bind mounts may use); the
 * compiled schema is shared.
 */
public final class ComposeParser {
  /** Services per app: far above real Compose files, far below what slows a rollout's history. */
  static final int MAX_SERVICES = 200;

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private final List<String> bindPrefixes;
  private final SecretValues secrets;

  /** A parser that allows no bind mount of a host path, with no secret store. */
  public ComposeParser() {
    this(List.of(), SecretValues.ephemeral());
  }

  /**
   * @param bindPrefixes absolute host paths under which a file may bind-mount ({@code
   *     baton.volumes.bind-prefixes}); empty: none
   * @param secrets the digests of secrets' and configs' values, and what is stored
   * @throws IllegalArgumentException when a prefix is not absolute
   */
  public ComposeParser(List<String> bindPrefixes, SecretValues secrets) {
    this.bindPrefixes = VolumesBuilder.prefixes(bindPrefixes);
    this.secrets = secrets;
  }

  /** Parses and checks a Compose file on its own (no variables, env files or profiles). */
  public ParsedApp parse(String appName, String yaml) {
    return parse(appName, ComposeInput.of(yaml));
  }

  /**
   * Parses and checks a Compose file as {@code docker compose} would read it with the same
   * variables, env files and profiles.
   *
   * @param appName the app's name (a DNS label); a top-level {@code name} must equal it
   * @throws SpecException with every problem found
   */
  public ParsedApp parse(String appName, ComposeInput input) {
    List<SpecError> errors = new ArrayList<>();
    List<SpecError> warnings = new ArrayList<>();
    Map<String, String> variables = new HashMap<>();
    try {
      DotEnv.parse(input.envFile())
          .forEach(
              (k, v) -> {
                if (v != null) {
                  variables.put(k, v);
                }
              });
    } catch (IllegalArgumentException e) {
      errors.add(new SpecError("envFile", null, "envFile: " + e.getMessage()));
    }
    variables.putAll(input.variables());
    Interpolation interpolation = new Interpolation(variables);
    var doc = SafeYaml.load(input.yaml(), errors, warnings, interpolation);
    if (doc.isEmpty()) {
      throw new SpecException(sorted(errors));
    }
    ComposeProblems problems = new ComposeProblems(doc.get(), errors, warnings);
    JsonNode root = doc.get().root();
    // Refused before the expensive work, and before a huge spec would travel through Temporal.
    int services = root.path("services").size();
    if (services > MAX_SERVICES) {
      problems.error(
          "services",
          services + " services; an app has at most " + MAX_SERVICES + " (split it into apps)");
      throw new SpecException(sorted(errors));
    }
    boolean verbatim = readsAsWritten(input, root);
    Extends.resolve(root, problems);
    Profiles.apply(root, input.profiles(), problems);
    Map<String, String> files = new HashMap<>();
    input.files().forEach((k, v) -> files.put(Environments.normal(k), v));
    new Environments(problems, variables, files, interpolation).apply(root);
    SecretsBuilder secretsBuilder =
        new SecretsBuilder(problems, new ValueReader(problems), secrets, appName, files, variables);
    AppSpec spec = app(appName, root, problems, files.keySet(), secretsBuilder);
    if (!errors.isEmpty() || spec == null) {
      throw new SpecException(sorted(errors));
    }
    String json = canonicalJson(spec);
    String resolved = verbatim ? input.yaml() : ResolvedCompose.yaml(root);
    return new ParsedApp(
        spec, json, digest(json), List.copyOf(sorted(warnings)), resolved, secretsBuilder.values());
  }

  /**
   * Whether the file means the same read on its own: nothing to interpolate, extend, merge from env
   * files or choose by profile. Such a file is kept as written, comments and all.
   */
  private static boolean readsAsWritten(ComposeInput input, JsonNode root) {
    if (!input.variables().isEmpty()
        || input.envFile() != null
        || !input.files().isEmpty()
        || !input.profiles().isEmpty()
        || input.yaml().indexOf('$') >= 0) {
      return false;
    }
    for (JsonNode service : root.path("services")) {
      if (service.has("extends") || service.has("env_file") || service.has("profiles")) {
        return false;
      }
    }
    return true;
  }

  private static List<SpecError> sorted(List<SpecError> problems) {
    List<SpecError> out = new ArrayList<>(problems);
    out.sort(
        Comparator.comparing(SpecError::line, Comparator.nullsFirst(Comparator.naturalOrder())));
    return out;
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

  /**
   * A service another depends on with {@code condition: service_completed_successfully} is a job:
   * it runs to exit code 0 before its dependents start, and is not restarted (Compose's one-shot
   * migrations and seeds).
   */
  private static void runToCompletion(JsonNode services, Map<String, ServiceSpec> parsed) {
    services.forEach(
        service ->
            service
                .path("depends_on")
                .fields()
                .forEachRemaining(
                    dep -> {
                      String condition = dep.getValue().path("condition").asText();
                      ServiceSpec job = parsed.get(dep.getKey());
                      if ("service_completed_successfully".equals(condition) && job != null) {
                        parsed.put(dep.getKey(), job.completing());
                      }
                    }));
  }

  private AppSpec app(
      String appName,
      JsonNode root,
      ComposeProblems problems,
      Set<String> sentFiles,
      SecretsBuilder secretsBuilder) {
    ValueReader values = new ValueReader(problems);
    VolumesBuilder volumesBuilder = new VolumesBuilder(problems, values, bindPrefixes, sentFiles);
    ServiceBuilder builder = new ServiceBuilder(problems, values, volumesBuilder, secretsBuilder);
    SupportedKeys.check(root, problems);
    secretsBuilder.declare(root);

    if (!SpecValues.isDnsLabel(appName)) {
      problems.error(
          "",
          "app name '"
              + appName
              + "' is not a DNS label (lowercase letters, digits and '-', 1 to 63 characters,"
              + " not starting or ending with '-')");
    }
    if (root.has("version")) {
      problems.warn("version", "obsolete in Compose and ignored");
    }
    JsonNode name = root.get("name");
    if (name != null && name.isTextual() && !name.asText().equals(appName)) {
      problems.warn(
          "name", "ignored: the app is '" + appName + "' (as docker compose -p overrides name)");
    }

    long deadline = AppSpec.DEFAULT_PROGRESS_DEADLINE_MILLIS;
    JsonNode xb = root.get("x-baton");
    if (xb != null && xb.isObject() && xb.has("progress_deadline")) {
      Long d = values.duration("x-baton.progress_deadline", xb.get("progress_deadline"));
      if (d != null && d <= 0) {
        problems.error("x-baton.progress_deadline", "must be longer than 0");
      } else if (d != null) {
        deadline = d;
      }
    } else if (xb != null && !xb.isObject()) {
      problems.error("x-baton", "must be a mapping");
    }
    String placement = null;
    if (xb != null && xb.isObject() && xb.has("placement")) {
      placement = values.choice("x-baton.placement", xb.get("placement"), "spread", "binpack");
    }

    Set<String> networks = new NetworksBuilder(problems, values).declared(root.get("networks"));
    Map<String, VolumeSpec> volumes = volumesBuilder.declared(appName, root.get("volumes"));
    JsonNode services = root.get("services");
    Map<String, ServiceSpec> parsed = new LinkedHashMap<>();
    if (services == null && root.size() > 0 && root.elements().next().has("image")) {
      problems.error(
          "services",
          "is missing: this is Compose's first file format, with services at the top level; put"
              + " them under 'services:'");
    } else if (services == null || services.isNull()) {
      problems.error("services", "at least one service is required");
    } else if (!services.isObject()) {
      problems.error("services", "must be a mapping of service names to services");
    } else if (services.isEmpty()) {
      problems.error("services", "at least one service is required");
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
        var e = it.next();
        ServiceSpec s =
            builder.service(e.getKey(), "services." + e.getKey(), e.getValue(), networks, volumes);
        if (s != null) {
          parsed.put(e.getKey(), s);
        }
      }
      new PortsBuilder(problems).checkHostPortsUnique(parsed);
      runToCompletion(services, parsed);
    }
    List<ServiceSpec> ordered = new ServiceOrder(problems).order(parsed);
    if (problems.any()) {
      return null;
    }
    return new AppSpec(appName, List.copyOf(ordered), deadline, placement);
  }
}

package dev.baton.service.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
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
 * HealthBuilder}) with the value readers of {@link ValueReader}, and the services put in order
 * ({@link ServiceOrder}). Every problem found is reported, each with its key path and line, in one
 * {@link SpecException}.
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

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

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
    AppSpec spec = app(appName, doc.get().root(), new ComposeProblems(doc.get(), errors));
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

  private static AppSpec app(String appName, JsonNode root, ComposeProblems problems) {
    ValueReader values = new ValueReader(problems);
    ServiceBuilder builder = new ServiceBuilder(problems, values);
    SupportedKeys.check(root, problems);

    if (!SpecValues.isDnsLabel(appName)) {
      problems.error(
          "",
          "app name '"
              + appName
              + "' is not a DNS label (lowercase letters, digits and '-', 1 to 63 characters,"
              + " not starting or ending with '-')");
    }
    JsonNode name = root.get("name");
    if (name != null && name.isTextual() && !name.asText().equals(appName)) {
      problems.error("name", "'" + name.asText() + "' differs from the app name '" + appName + "'");
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
    JsonNode services = root.get("services");
    Map<String, ServiceSpec> parsed = new LinkedHashMap<>();
    if (services == null || services.isNull()) {
      problems.error("services", "at least one service is required");
    } else if (!services.isObject()) {
      problems.error("services", "must be a mapping of service names to services");
    } else if (services.isEmpty()) {
      problems.error("services", "at least one service is required");
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
        var e = it.next();
        ServiceSpec s =
            builder.service(e.getKey(), "services." + e.getKey(), e.getValue(), networks);
        if (s != null) {
          parsed.put(e.getKey(), s);
        }
      }
      new PortsBuilder(problems).checkHostPortsUnique(parsed);
    }
    List<ServiceSpec> ordered = new ServiceOrder(problems).order(parsed);
    if (problems.any()) {
      return null;
    }
    return new AppSpec(appName, List.copyOf(ordered), deadline, placement);
  }
}

package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.HttpProbe;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One entry of {@code services}: its image, command, environment and labels, and its sections. */
final class ServiceBuilder {

  static final long DEFAULT_STOP_GRACE_MILLIS = 10_000;

  private final ComposeProblems problems;
  private final ValueReader values;
  private final DeployBuilder deployBuilder;
  private final PortsBuilder portsBuilder;
  private final HealthBuilder healthBuilder;
  private final NetworksBuilder networksBuilder;

  ServiceBuilder(ComposeProblems problems, ValueReader values) {
    this.problems = problems;
    this.values = values;
    this.deployBuilder = new DeployBuilder(problems, values);
    this.portsBuilder = new PortsBuilder(problems);
    this.healthBuilder = new HealthBuilder(problems, values);
    this.networksBuilder = new NetworksBuilder(problems, values);
  }

  ServiceSpec service(String name, String path, JsonNode s, Set<String> networks) {
    if (!SpecValues.isDnsLabel(name)) {
      problems.error(
          path,
          "service name '"
              + name
              + "' is not a DNS label (lowercase letters, digits and '-', 1 to 63 characters,"
              + " not starting or ending with '-')");
    }
    if (s == null || !s.isObject()) {
      problems.error(path, "must be a mapping");
      return null;
    }
    String image = "";
    JsonNode imageNode = s.get("image");
    if (imageNode == null || imageNode.isNull()) {
      problems.error(path + ".image", "is required (Baton runs images from a registry)");
    } else if (!imageNode.isTextual()) {
      problems.error(path + ".image", "must be a string");
    } else {
      image = imageNode.asText();
      try {
        SpecValues.checkImage(image);
      } catch (IllegalArgumentException e) {
        problems.error(path + ".image", e.getMessage());
      }
    }
    List<String> command = values.commandLine(path + ".command", s.get("command"));
    List<String> entrypoint = values.commandLine(path + ".entrypoint", s.get("entrypoint"));
    Map<String, String> environment =
        values.keyValues(path + ".environment", s.get("environment"), false);
    Map<String, String> labels = values.keyValues(path + ".labels", s.get("labels"), true);
    for (String key : labels.keySet()) {
      if (key.startsWith("baton.")) {
        problems.error(
            path + ".labels." + key, "labels starting with 'baton.' are reserved for Baton");
      }
    }

    DeployBuilder.Deploy deploy = deployBuilder.build(path + ".deploy", s.get("deploy"));
    List<PortSpec> ports =
        portsBuilder.ports(
            path + ".ports", s.get("ports"), deploy.replicas(), deploy.update(), deploy.rollback());
    HealthCheck healthcheck =
        healthBuilder.healthcheck(path + ".healthcheck", s.get("healthcheck"));
    HttpProbe probe = healthBuilder.probe(path + ".x-baton", s.get("x-baton"), ports);
    List<String> dependsOn = dependsOn(path + ".depends_on", s.get("depends_on"));
    boolean init = false;
    if (s.has("init")) {
      Boolean b = values.bool(path + ".init", s.get("init"));
      init = b != null && b;
    }
    long stopGrace = DEFAULT_STOP_GRACE_MILLIS;
    if (s.has("stop_grace_period")) {
      Long d = values.duration(path + ".stop_grace_period", s.get("stop_grace_period"));
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
        deploy.replicas(),
        deploy.update(),
        deploy.rollback(),
        deploy.constraints(),
        deploy.resources(),
        init,
        stopGrace,
        deploy.restart(),
        networksBuilder.attachments(path + ".networks", s.get("networks"), networks));
  }

  private List<String> dependsOn(String path, JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      values.strings(
          path,
          node,
          "must be a service name",
          (p, name) -> {
            if (out.contains(name)) {
              problems.error(p, "'" + name + "' is listed twice");
            } else {
              out.add(name);
            }
          });
    } else if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                out.add(e.getKey());
                JsonNode v = e.getValue();
                String p = path + "." + e.getKey();
                if (v != null && v.isObject() && v.has("condition")) {
                  values.choice(
                      p + ".condition", v.get("condition"), "service_started", "service_healthy");
                } else if (v != null && !v.isNull() && !v.isObject()) {
                  problems.error(p, "must be a mapping with a condition");
                }
              });
    } else {
      problems.error(path, "must be a list of service names or a mapping");
    }
    return List.copyOf(out);
  }
}

package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.workflows.model.ContainerOptions;
import dev.baton.workflows.model.FileMount;
import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.HttpProbe;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.RestartPolicy;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One entry of {@code services}: its image, command, environment and labels, and its sections. */
final class ServiceBuilder {

  static final long DEFAULT_STOP_GRACE_MILLIS = 10_000;

  /** Keys that change nothing where Baton runs a service; each accepted with a warning. */
  private static final Map<String, String> IGNORED_WHY =
      Map.of(
          "pull_policy", "Baton pulls an image on a host that lacks it, and a digest pins it",
          "develop", "it describes docker compose watch, a development loop",
          "attach", "logs are read per instance (docker logs), not attached",
          "annotations", "the engines' API (1.41) has no container annotations");

  private static final List<String> IGNORED =
      List.copyOf(new java.util.TreeSet<>(IGNORED_WHY.keySet()));

  private final ComposeProblems problems;
  private final ValueReader values;
  private final DeployBuilder deployBuilder;
  private final PortsBuilder portsBuilder;
  private final HealthBuilder healthBuilder;
  private final NetworksBuilder networksBuilder;
  private final ContainerOptionsBuilder optionsBuilder;
  private final VolumesBuilder volumesBuilder;
  private final SecretsBuilder secretsBuilder;

  ServiceBuilder(
      ComposeProblems problems,
      ValueReader values,
      VolumesBuilder volumesBuilder,
      SecretsBuilder secretsBuilder) {
    this.problems = problems;
    this.values = values;
    this.deployBuilder = new DeployBuilder(problems, values);
    this.portsBuilder = new PortsBuilder(problems);
    this.healthBuilder = new HealthBuilder(problems, values);
    this.networksBuilder = new NetworksBuilder(problems, values);
    this.optionsBuilder = new ContainerOptionsBuilder(problems, values);
    this.volumesBuilder = volumesBuilder;
    this.secretsBuilder = secretsBuilder;
  }

  ServiceSpec service(
      String name, String path, JsonNode s, Set<String> networks, Map<String, VolumeSpec> volumes) {
    if (!SpecValues.isServiceName(name)) {
      problems.error(
          path,
          "service name '"
              + name
              + "' must be lowercase letters, digits, '-', '_' and '.', 1 to 63 characters,"
              + " starting with a letter or digit (it is the name other services reach it by)");
    }
    if (s == null || !s.isObject()) {
      problems.error(path, "must be a mapping");
      return null;
    }
    String image = image(path, s);
    if (s.has("container_name")) {
      problems.warn(
          path + ".container_name",
          "ignored: Baton names each container <app>-<service>-r<revision>-<slot>; other services"
              + " reach this one by its service name");
    }
    List<String> command = values.commandLine(path + ".command", s.get("command"));
    List<String> entrypoint = values.commandLine(path + ".entrypoint", s.get("entrypoint"));
    Map<String, String> environment =
        values.keyValues(path + ".environment", s.get("environment"), false);
    Map<String, String> labels =
        new TreeMap<>(values.keyValues(path + ".labels", s.get("labels"), true));
    // Swarm's service labels: Baton has no service object, so its containers carry them.
    if (s.path("deploy").has("labels")) {
      labels.putAll(
          values.keyValues(path + ".deploy.labels", s.path("deploy").get("labels"), true));
    }
    for (String key : IGNORED) {
      if (s.has(key)) {
        problems.warn(path + "." + key, "ignored: " + IGNORED_WHY.get(key));
      }
    }
    if (s.has("platform")) {
      problems.warn(
          path + ".platform", "ignored: each engine pulls the image for its own platform");
    }
    for (String key : labels.keySet()) {
      if (key.startsWith("baton.")) {
        problems.error(
            path + ".labels." + key, "labels starting with 'baton.' are reserved for Baton");
      }
    }
    BackupCommandKey.addTo(labels, path, s, values, problems);

    DeployBuilder.Deploy deploy = deployBuilder.build(path + ".deploy", s.get("deploy"));
    int replicas = deploy.replicas();
    if (s.has("scale") && !s.path("deploy").has("replicas")) {
      // Compose's older spelling of deploy.replicas.
      Integer n = values.integer(path + ".scale", s.get("scale"), 0, DeployBuilder.MAX_REPLICAS);
      replicas = n == null ? replicas : n;
    }
    List<Mount> mounts = volumesBuilder.mounts(path, s, volumes);
    List<FileMount> files = secretsBuilder.mounts(path, s, volumesBuilder.takeRelativeFiles());
    deploy = deployBuilder.oneWriter(path, deploy, mounts, replicas);
    List<PortSpec> ports =
        portsBuilder.ports(
            path + ".ports", s.get("ports"), replicas, deploy.update(), deploy.rollback());
    ports = portsBuilder.withExposed(path + ".expose", s.get("expose"), ports);
    RestartPolicy restart = deploy.restart();
    if (restart == null && s.has("restart")) {
      restart = restartPolicy(path + ".restart", s.get("restart"));
    } else if (restart != null && s.has("restart")) {
      problems.warn(path + ".restart", "ignored: deploy.restart_policy says what happens");
    }
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
    ContainerOptions options = optionsBuilder.options(path, s);
    if (options != null && options.readOnly() && !files.isEmpty()) {
      // The engine refuses to write into a read-only root filesystem, even before the start.
      problems.error(
          path + ".read_only",
          "secrets, configs and bound files are written into the container's filesystem, which"
              + " read_only forbids; drop read_only or bake the files into the image");
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
        deploy.update(),
        deploy.rollback(),
        deploy.constraints(),
        optionsBuilder.resources(path, s, deploy.resources()),
        init,
        stopGrace,
        restart,
        networksBuilder.attachments(path + ".networks", s.get("networks"), networks),
        options,
        deploy.global(),
        false,
        mounts.isEmpty() ? null : mounts,
        files.isEmpty() ? null : files);
  }

  /** The image to run; a build beside it is ignored with a warning, a build alone is refused. */
  private String image(String path, JsonNode s) {
    JsonNode imageNode = s.get("image");
    boolean build = s.has("build");
    if (imageNode == null || imageNode.isNull()) {
      problems.error(
          path + (build ? ".build" : ".image"),
          build
              ? "Baton builds no images: build and push the image, and name it under 'image'"
              : "is required (Baton runs images from a registry)");
      return "";
    }
    if (!imageNode.isTextual()) {
      problems.error(path + ".image", "must be a string");
      return "";
    }
    String image = imageNode.asText();
    try {
      SpecValues.checkImage(image);
    } catch (IllegalArgumentException e) {
      problems.error(path + ".image", e.getMessage());
    }
    if (build) {
      problems.warn(
          path + ".build",
          "ignored: Baton deploys the image " + image + " (build and push it first)");
    }
    return image;
  }

  /**
   * Compose's {@code restart} as the policy self-healing follows (the engine's own restart stays
   * off, so Baton sees every exit): no, always, unless-stopped, on-failure[:attempts].
   */
  private RestartPolicy restartPolicy(String path, JsonNode node) {
    String text = node.asText();
    RestartPolicy d = RestartPolicy.defaults();
    switch (text) {
      case "no":
        return new RestartPolicy(RestartPolicy.Condition.NONE, d.delayMillis(), 0, 0);
      case "always":
      case "unless-stopped":
        return new RestartPolicy(RestartPolicy.Condition.ANY, d.delayMillis(), 0, 0);
      default:
        if (text.matches("on-failure(:\\d{1,6})?")) {
          int attempts = text.contains(":") ? Integer.parseInt(text.substring(11)) : 0;
          return new RestartPolicy(
              RestartPolicy.Condition.ON_FAILURE, d.delayMillis(), attempts, 0);
        }
        problems.error(
            path, "'" + text + "' is not one of no, always, unless-stopped, on-failure[:attempts]");
        return null;
    }
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
                      p + ".condition",
                      v.get("condition"),
                      "service_started",
                      "service_healthy",
                      "service_completed_successfully");
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

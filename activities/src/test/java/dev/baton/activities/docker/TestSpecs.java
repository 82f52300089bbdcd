package dev.baton.activities.docker;

import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.HttpProbe;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.Resources;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy;
import java.util.List;
import java.util.Map;

/** Builds service specs for tests, changing one thing at a time. */
record TestSpecs(
    String name,
    String image,
    List<String> command,
    List<PortSpec> ports,
    HealthCheck healthcheck,
    HttpProbe probe,
    Map<String, String> labels,
    Resources resources,
    boolean init,
    long stopGraceMillis) {

  static TestSpecs web(String image) {
    return new TestSpecs(
        "web",
        image,
        List.of(),
        List.of(new PortSpec(8080, 0, null, "tcp")),
        null,
        null,
        Map.of(),
        Resources.none(),
        true,
        10_000);
  }

  TestSpecs command(List<String> c) {
    return new TestSpecs(
        name, image, c, ports, healthcheck, probe, labels, resources, init, stopGraceMillis);
  }

  TestSpecs healthcheck(HealthCheck h) {
    return new TestSpecs(
        name, image, command, ports, h, probe, labels, resources, init, stopGraceMillis);
  }

  TestSpecs probe(HttpProbe p) {
    return new TestSpecs(
        name, image, command, ports, healthcheck, p, labels, resources, init, stopGraceMillis);
  }

  TestSpecs init(boolean i, long grace) {
    return new TestSpecs(
        name, image, command, ports, healthcheck, probe, labels, resources, i, grace);
  }

  TestSpecs named(String n) {
    return new TestSpecs(
        n, image, command, ports, healthcheck, probe, labels, resources, init, stopGraceMillis);
  }

  ServiceSpec build() {
    return new ServiceSpec(
        name,
        image,
        command,
        List.of(),
        Map.of("GREETING", "hello"),
        ports,
        healthcheck,
        probe,
        List.of(),
        labels,
        1,
        UpdatePolicy.defaults(),
        UpdatePolicy.defaults(),
        List.of(),
        resources,
        init,
        stopGraceMillis,
        null,
        null,
        null,
        false,
        false,
        null,
        null);
  }
}

package dev.baton.service.api;

import dev.baton.activities.host.EndpointPolicy;
import dev.baton.activities.state.HostRegistry;
import dev.baton.activities.state.HostStatus;
import dev.baton.service.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The fleet of Docker hosts: list, inspect, join (admin), drain and remove (admin). */
@RestController
@RequestMapping("/api/v1/hosts")
public class HostsController {
  private final FleetReader reader;
  private final FleetOperations operations;
  private final HostRegistry registry;
  private final String defaultTls;

  public HostsController(
      FleetReader reader,
      FleetOperations operations,
      HostRegistry registry,
      @Value("${baton.docker.tls-cert-path:}") String defaultTls) {
    this.reader = reader;
    this.operations = operations;
    this.registry = registry;
    this.defaultTls = defaultTls;
  }

  /** {@code {"name", "endpoint", "labels": {...}}}. */
  public record HostBody(String name, String endpoint, Map<String, String> labels) {}

  @GetMapping
  public List<Map<String, Object>> list() {
    return reader.hosts();
  }

  @GetMapping("/{name}")
  public Map<String, Object> get(@PathVariable String name) {
    return reader.host(name).orElseThrow(() -> ApiException.notFound("host " + name));
  }

  /** Registers the engine and starts {@code host:<name>}, which joins it (202). */
  @PostMapping
  public ResponseEntity<Map<String, Object>> add(
      @RequestBody HostBody body, HttpServletRequest request) {
    Callers.require(request, Caller.Role.ADMIN);
    if (body == null || body.name() == null) {
      throw ApiException.badField("name", "is required");
    }
    Names.requireDnsLabel("name", body.name());
    String refused = EndpointPolicy.refusal(body.endpoint(), body.labels(), defaultTls);
    if (refused != null) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "endpoint: " + refused);
    }
    boolean known = reader.host(body.name()).isPresent();
    registry.register(
        body.name(),
        body.endpoint(),
        body.labels() == null ? Map.of() : body.labels(),
        HostStatus.UNREACHABLE);
    if (!known) {
      registry.setMessage(body.name(), "joining: waiting for the first check of the engine");
    }
    operations.startHost(body.name());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/hosts/" + body.name()))
        .body(reader.host(body.name()).orElseThrow());
  }

  /** Takes no new instances at once; every app moves its instances away (replacement first). */
  @PostMapping("/{name}/drain")
  public ResponseEntity<Map<String, Object>> drain(
      @PathVariable String name, HttpServletRequest request) {
    Callers.require(request, Caller.Role.ADMIN);
    get(name);
    registry.setStatus(name, HostStatus.DRAINING);
    operations.signalHost(name, "drain");
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(get(name));
  }

  /** Undoes a drain: the host takes new instances again. */
  @PostMapping("/{name}/activate")
  public Map<String, Object> activate(@PathVariable String name, HttpServletRequest request) {
    Callers.require(request, Caller.Role.ADMIN);
    get(name);
    registry.setStatus(name, HostStatus.READY);
    operations.signalHost(name, "activate");
    return get(name);
  }

  /**
   * Removes a drained host, or an unreachable one (e.g. refused for its certificates): refused
   * while instances remain on it.
   */
  @DeleteMapping("/{name}")
  public Map<String, Object> remove(@PathVariable String name, HttpServletRequest request) {
    Callers.require(request, Caller.Role.ADMIN);
    Map<String, Object> host = get(name);
    if (!List.of("DRAINING", "REMOVED", "UNREACHABLE").contains(host.get("status"))) {
      throw new ApiException(
          HttpStatus.CONFLICT, "host " + name + " is " + host.get("status") + ": drain it first");
    }
    int left = reader.instancesOn(name).size();
    if (left > 0) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "host " + name + " still has " + left + " instances: drain is not done");
    }
    registry.setStatus(name, HostStatus.REMOVED);
    operations.signalHost(name, "decommission");
    return get(name);
  }
}

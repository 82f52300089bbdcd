package dev.baton.service.hosts;

import dev.baton.activities.docker.DockerClients;
import dev.baton.activities.host.EndpointPolicy;
import dev.baton.activities.state.HostRegistry;
import dev.baton.activities.state.HostStatus;
import dev.baton.service.api.ApiException;
import dev.baton.service.api.Callers;
import dev.baton.service.api.RequiresRole;
import dev.baton.service.auth.Caller;
import dev.baton.service.balancers.BalancerReadRepository;
import dev.baton.service.balancers.BalancerView;
import dev.baton.service.control.FleetOperations;
import dev.baton.service.volumes.VolumeReadRepository;
import dev.baton.service.volumes.VolumeRow;
import dev.baton.workflows.app.OperationRequest;
import dev.baton.workflows.model.HostUsage;
import dev.baton.workflows.ports.StateActivities;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The fleet of Docker hosts: list, inspect, join (admin), drain and remove (admin). */
@RestController
@RequestMapping("/api/v1/hosts")
public record HostsController(
    HostReadRepository hosts,
    StateActivities state,
    FleetOperations operations,
    HostRegistry registry,
    BalancerReadRepository balancers,
    VolumeReadRepository volumes,
    DockerClients docker) {
  private static final Duration REMOVAL_WAIT = Duration.ofSeconds(10);
  private static final EnumSet<HostStatus> REMOVABLE =
      EnumSet.of(HostStatus.DRAINING, HostStatus.REMOVED, HostStatus.UNREACHABLE);

  @GetMapping
  public List<HostView> list() {
    Map<String, HostUsage> usage = state.hostUsage("");
    Map<String, List<BalancerView>> lbs =
        balancers.all().stream().collect(Collectors.groupingBy(BalancerView::host));
    return hosts.rows().stream()
        .map(
            row ->
                HostView.of(
                    row,
                    usage.getOrDefault(row.name(), HostUsage.none()),
                    lbs.getOrDefault(row.name(), List.of()),
                    null))
        .toList();
  }

  @GetMapping("/{name}")
  public HostView get(@PathVariable String name) {
    HostRow row = hosts.row(name).orElseThrow(() -> ApiException.notFound("host " + name));
    HostUsage usage = state.hostUsage("").getOrDefault(name, HostUsage.none());
    return HostView.of(row, usage, balancers.onHost(name), hosts.instancesOn(name));
  }

  /** Registers the engine and starts {@code host:<name>}, which joins it (202). */
  @RequiresRole(Caller.Role.ADMIN)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @PostMapping
  public ResponseEntity<HostView> add(@RequestBody @Valid HostRequest body) {
    String refused =
        EndpointPolicy.refusal(body.endpoint(), body.labels(), docker.defaultTlsCertPath());
    if (refused != null) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "endpoint: " + refused);
    }
    Optional<HostRow> before = hosts.row(body.name());
    // A removed host joined again is the operator's new decision: it joins anew, once the old
    // workflow has finished its decommission.
    boolean rejoins = before.isPresent() && before.get().status() == HostStatus.REMOVED;
    if (rejoins && !operations.awaitHostWorkflowEnded(body.name(), REMOVAL_WAIT)) {
      throw ApiException.conflict(
          "name", "host " + body.name() + " is still being removed: try again in a few seconds");
    }
    registry.register(
        body.name(),
        body.endpoint(),
        body.address(),
        body.labels() == null ? Map.of() : body.labels(),
        HostStatus.UNREACHABLE);
    if (rejoins) {
      registry.setStatus(body.name(), HostStatus.UNREACHABLE);
    }
    if (before.isEmpty() || rejoins) {
      registry.setMessage(body.name(), "joining: waiting for the first check of the engine");
    }
    operations.startHost(body.name());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/hosts/" + body.name()))
        .body(get(body.name()));
  }

  /**
   * Takes no new instances at once; every app moves its instances away (replacement first). A host
   * that holds named volumes is refused (their instances cannot move without the data) unless
   * {@code move-volumes=true}: then each app holding volumes here gets a move-volumes operation
   * first (stop, copy, re-pin, start on another host), queued before the drain reaches it.
   */
  @RequiresRole(Caller.Role.ADMIN)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @PostMapping("/{name}/drain")
  public ResponseEntity<HostView> drain(
      @PathVariable String name,
      @RequestParam(name = "move-volumes", defaultValue = "false") boolean moveVolumes,
      HttpServletRequest request) {
    get(name);
    List<VolumeRow> held = volumes.onHost(name);
    if (!held.isEmpty() && !moveVolumes) {
      // Draining would start their instances elsewhere without the data.
      throw ApiException.conflict(
          "name",
          "host "
              + name
              + " holds named volumes ("
              + held.stream().map(v -> v.app() + "/" + v.volume()).collect(Collectors.joining(", "))
              + "): their instances cannot move without their data; drain with"
              + " ?move-volumes=true to copy them to another host, delete those apps with"
              + " ?volumes=delete or back the data up first");
    }
    String caller = Callers.of(request).name();
    held.stream()
        .map(VolumeRow::app)
        .distinct()
        .forEach(
            app ->
                operations.submit(
                    app,
                    new OperationRequest.MoveVolumes(name, null, caller, "drain of " + name),
                    null));
    registry.setStatus(name, HostStatus.DRAINING);
    operations.signalHost(name, "drain");
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(get(name));
  }

  /** Undoes a drain: the host takes new instances again. */
  @RequiresRole(Caller.Role.ADMIN)
  @PostMapping("/{name}/activate")
  public HostView activate(@PathVariable String name) {
    get(name);
    registry.setStatus(name, HostStatus.READY);
    operations.signalHost(name, "activate");
    return get(name);
  }

  /**
   * Removes a drained host, or an unreachable one (e.g. refused for its certificates): refused
   * while instances remain on it.
   */
  @RequiresRole(Caller.Role.ADMIN)
  @DeleteMapping("/{name}")
  public HostView remove(@PathVariable String name) {
    HostView host = get(name);
    if (!REMOVABLE.contains(host.status())) {
      throw new ApiException(
          HttpStatus.CONFLICT, "host " + name + " is " + host.status() + ": drain it first");
    }
    int left = host.instances() == null ? 0 : host.instances().size();
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

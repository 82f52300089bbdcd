package dev.baton.service.api;

import dev.baton.service.auth.Caller;
import dev.baton.workflows.model.OperationStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Operations: status with live progress, the event log, and pause / resume / abort. */
@RestController
@RequestMapping("/api/v1/operations")
public class OperationsController {
  private static final Logger log = LoggerFactory.getLogger(OperationsController.class);
  private final StateReader state;
  private final AppOperations operations;
  private final Links links;

  private final OperationWatch watch;

  public OperationsController(
      StateReader state, AppOperations operations, Links links, OperationWatch watch) {
    this.state = state;
    this.operations = operations;
    this.links = links;
    this.watch = watch;
  }

  /** Operations, newest first; {@code ?app=}, {@code ?status=}, {@code ?limit=} (1..500). */
  @GetMapping
  public List<Map<String, Object>> list(
      @RequestParam(required = false) String app,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "50") int limit) {
    if (app != null) {
      Names.requireDnsLabel("app", app);
    }
    if (status != null) {
      try {
        OperationStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw ApiException.badField(
            "status", "'" + status + "' is not one of " + List.of(OperationStatus.values()));
      }
    }
    List<Map<String, Object>> rows =
        state.operations(app, status, Limits.check("limit", limit, 500));
    return rows.stream().map(this::withLinks).toList();
  }

  /**
   * One operation with live progress. With {@code ?wait=60s} (at most 120 s) the answer waits until
   * the operation is terminal or the time passes, without holding a servlet thread.
   */
  @GetMapping("/{id}")
  public DeferredResult<Map<String, Object>> get(
      @PathVariable String id, @RequestParam(required = false) String wait) {
    Duration duration = wait == null ? Duration.ZERO : Waits.parse("wait", wait);
    find(id);
    return watch.await(id, duration, () -> view(id));
  }

  /** Live events as Server-Sent Events, ending with the terminal status. */
  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter stream(@PathVariable String id, @RequestParam(defaultValue = "0") long after) {
    find(id);
    return watch.stream(id, after);
  }

  private Map<String, Object> withLinks(Map<String, Object> row) {
    Map<String, Object> body = new LinkedHashMap<>(row);
    body.put(
        "links",
        links.operation(
            (String) row.get("id"),
            (String) row.get("app"),
            (String) row.get("workflowId"),
            (String) row.get("runId")));
    return body;
  }

  private Map<String, Object> view(String id) {
    Map<String, Object> body = new LinkedHashMap<>(find(id));
    String workflowId = (String) body.get("workflowId");
    if (!OperationStatus.valueOf((String) body.get("status")).terminal()) {
      try {
        body.put("progress", operations.progress(workflowId));
      } catch (RuntimeException e) {
        // Not started yet (queued) or the worker is restarting: the stored status still holds.
        log.debug("no live progress for {}: {}", workflowId, e.toString());
      }
    }
    body.put(
        "links",
        links.operation(id, (String) body.get("app"), workflowId, (String) body.get("runId")));
    return body;
  }

  @GetMapping("/{id}/events")
  public List<Map<String, Object>> events(
      @PathVariable String id, @RequestParam(defaultValue = "0") long after) {
    find(id);
    return state.events(id, after);
  }

  @PostMapping("/{id}/pause")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, Object> pause(@PathVariable String id, HttpServletRequest request) {
    Callers.require(request, Caller.Role.DEPLOYER);
    operations.pause(active(id));
    return Map.of("id", id, "requested", "pause");
  }

  @PostMapping("/{id}/resume")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, Object> resume(@PathVariable String id, HttpServletRequest request) {
    Callers.require(request, Caller.Role.DEPLOYER);
    operations.resume(active(id));
    return Map.of("id", id, "requested", "resume");
  }

  @PostMapping("/{id}/abort")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, Object> abort(
      @PathVariable String id,
      @RequestParam(defaultValue = "aborted by request") String reason,
      HttpServletRequest request) {
    Caller caller = Callers.require(request, Caller.Role.DEPLOYER);
    operations.abort(active(id), reason + " (" + caller.name() + ")");
    return Map.of("id", id, "requested", "abort");
  }

  private Map<String, Object> find(String id) {
    return state.operation(id).orElseThrow(() -> ApiException.notFound("operation " + id));
  }

  /** The workflow id of an operation that can still be steered. */
  private String active(String id) {
    Map<String, Object> op = find(id);
    OperationStatus status = OperationStatus.valueOf((String) op.get("status"));
    if (status.terminal()) {
      throw new ApiException(HttpStatus.CONFLICT, "operation " + id + " already ended: " + status);
    }
    if (status == OperationStatus.QUEUED) {
      throw new ApiException(HttpStatus.CONFLICT, "operation " + id + " has not started yet");
    }
    return (String) op.get("workflowId");
  }
}

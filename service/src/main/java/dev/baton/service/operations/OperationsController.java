package dev.baton.service.operations;

import dev.baton.service.api.ApiException;
import dev.baton.service.api.Callers;
import dev.baton.service.api.DnsLabel;
import dev.baton.service.api.Links;
import dev.baton.service.api.RequiresRole;
import dev.baton.service.api.Waits;
import dev.baton.service.auth.Caller;
import dev.baton.service.control.AppOperations;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.rollout.RolloutProgress;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.Range;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
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
  private final OperationReadRepository reads;
  private final AppOperations operations;
  private final Links links;
  private final OperationWatch watch;

  public OperationsController(
      OperationReadRepository reads, AppOperations operations, Links links, OperationWatch watch) {
    this.reads = reads;
    this.operations = operations;
    this.links = links;
    this.watch = watch;
  }

  /** Operations, newest first; {@code ?app=}, {@code ?status=}, {@code ?limit=} (1..500). */
  @GetMapping
  public List<OperationView> list(
      @RequestParam(required = false) @DnsLabel @Nullable String app,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(defaultValue = "50") @Range(min = 1, max = 500) int limit) {
    return reads.newest(app, status(status), Limit.of(limit)).stream()
        .map(row -> OperationView.of(row, null, links))
        .toList();
  }

  /**
   * One operation with live progress. With {@code ?wait=60s} (at most 120 s) the answer waits until
   * the operation is terminal or the time passes, without holding a servlet thread.
   */
  @GetMapping("/{id}")
  public DeferredResult<OperationView> get(
      @PathVariable String id, @RequestParam(required = false) @Nullable String wait) {
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

  @GetMapping("/{id}/events")
  public List<EventView> events(
      @PathVariable String id, @RequestParam(defaultValue = "0") long after) {
    find(id);
    return reads.events(id, after);
  }

  /**
   * {@code POST /{id}/pause} holds a running rollout where it is; {@code /resume} lets it go on.
   */
  @RequiresRole(Caller.Role.DEPLOYER)
  @PostMapping("/{id}/{action:pause|resume}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public SteerRequested pauseOrResume(
      @PathVariable String id,
      @PathVariable @Schema(allowableValues = {"pause", "resume"}) String action) {
    String workflowId = active(id);
    if (action.equals("pause")) {
      operations.pause(workflowId);
    } else {
      operations.resume(workflowId);
    }
    return new SteerRequested(id, action);
  }

  @RequiresRole(Caller.Role.DEPLOYER)
  @PostMapping("/{id}/abort")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public SteerRequested abort(
      @PathVariable String id,
      @RequestParam(defaultValue = "aborted by request") String reason,
      HttpServletRequest request) {
    operations.abort(active(id), reason + " (" + Callers.of(request).name() + ")");
    return new SteerRequested(id, "abort");
  }

  private OperationView view(String id) {
    OperationRow row = find(id);
    RolloutProgress progress = null;
    if (!row.status().terminal()) {
      try {
        progress = operations.progress(row.workflowId());
      } catch (RuntimeException e) {
        // Not started yet (queued) or the worker is restarting: the stored status still holds.
        log.debug("no live progress for {}: {}", row.workflowId(), e.toString());
      }
    }
    return OperationView.of(row, progress, links);
  }

  private OperationRow find(String id) {
    return reads.row(id).orElseThrow(() -> ApiException.notFound("operation " + id));
  }

  /** The workflow id of an operation that can still be steered. */
  private String active(String id) {
    OperationRow row = find(id);
    OperationStatus status = row.status();
    if (status.terminal()) {
      throw new ApiException(HttpStatus.CONFLICT, "operation " + id + " already ended: " + status);
    }
    if (status == OperationStatus.QUEUED) {
      throw new ApiException(HttpStatus.CONFLICT, "operation " + id + " has not started yet");
    }
    return row.workflowId();
  }

  private static @Nullable OperationStatus status(@Nullable String status) {
    if (status == null) {
      return null;
    }
    try {
      return OperationStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField(
          "status", "'" + status + "' is not one of " + List.of(OperationStatus.values()));
    }
  }
}

package dev.baton.service.operations;

import dev.baton.activities.DaemonThreads;
import dev.baton.service.api.ApiException;
import dev.baton.workflows.model.OperationStatus;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Waiting on an operation without holding a servlet thread: long-polls ({@link DeferredResult}) and
 * SSE streams ({@link SseEmitter}) are completed by a small scheduler that polls PostgreSQL (the
 * status every 500 ms, the events table by {@code seq} every 250 ms per subscriber).
 */
@Component
public class OperationWatch {
  private static final Logger log = LoggerFactory.getLogger(OperationWatch.class);
  static final Duration STREAM_TIMEOUT = Duration.ofHours(1);
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(4, DaemonThreads.named("operation-watch-"));
  private final OperationReadRepository reads;

  public OperationWatch(OperationReadRepository reads) {
    this.reads = reads;
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }

  /** Answers {@code view} once the operation is terminal or {@code wait} has passed. */
  public <T> DeferredResult<T> await(String id, Duration wait, Supplier<T> view) {
    DeferredResult<T> result = new DeferredResult<>(wait.plusSeconds(10).toMillis());
    if (wait.isZero() || terminal(id)) {
      result.setResult(view.get());
      return result;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    task.set(
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                if (result.isSetOrExpired()) {
                  cancel(task);
                } else if (terminal(id) || System.nanoTime() >= deadline) {
                  cancel(task);
                  result.setResult(view.get());
                }
              } catch (RuntimeException e) {
                cancel(task);
                result.setErrorResult(e);
              }
            },
            500,
            500,
            TimeUnit.MILLISECONDS));
    result.onTimeout(() -> result.setResult(view.get()));
    return result;
  }

  /**
   * Streams the operation's events after {@code after} as they are appended ({@code event: event},
   * {@code id: <seq>}), then {@code event: status} with the terminal status, and ends. The stream
   * ends one poll after the status turns terminal, so events written with it are not lost.
   */
  public SseEmitter stream(String id, long after) {
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    long[] lastSeq = {after};
    boolean[] sawTerminal = {false};
    boolean[] done = {false};
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    Runnable poll =
        () -> {
          if (done[0]) {
            cancel(task);
            return;
          }
          try {
            boolean terminalNow = terminal(id);
            List<EventView> events = reads.events(id, lastSeq[0]);
            for (EventView event : events) {
              long seq = event.seq();
              emitter.send(SseEmitter.event().id(Long.toString(seq)).name("event").data(event));
              lastSeq[0] = seq;
            }
            if (sawTerminal[0] && events.isEmpty()) {
              OperationRow op = reads.row(id).orElseThrow();
              StatusEvent status = new StatusEvent(id, op.status(), op.error());
              emitter.send(SseEmitter.event().name("status").data(status));
              done[0] = true;
              cancel(task);
              emitter.complete();
            }
            sawTerminal[0] = terminalNow;
          } catch (IOException | IllegalStateException gone) {
            // The client went away (or the emitter already ended): stop polling for it.
            done[0] = true;
            cancel(task);
          } catch (RuntimeException e) {
            log.warn("event stream of {} failed: {}", id, e.toString());
            done[0] = true;
            cancel(task);
            emitter.completeWithError(e);
          }
        };
    task.set(scheduler.scheduleWithFixedDelay(poll, 0, 250, TimeUnit.MILLISECONDS));
    Runnable cancel = () -> cancel(task);
    emitter.onCompletion(cancel);
    emitter.onTimeout(cancel);
    emitter.onError(e -> cancel.run());
    return emitter;
  }

  /** Null-safe: the first run may start before the future is stored. */
  private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
    ScheduledFuture<?> future = task.get();
    if (future != null) {
      future.cancel(false);
    }
  }

  private boolean terminal(String id) {
    return reads
        .status(id)
        .map(OperationStatus::terminal)
        .orElseThrow(() -> ApiException.notFound("operation " + id));
  }
}

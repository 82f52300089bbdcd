package dev.baton.service.fleet;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import dev.baton.activities.DaemonThreads;
import dev.baton.activities.HostDirectory;
import dev.baton.activities.docker.DockerClients;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.support.WorkflowIds;
import io.temporal.client.WorkflowClient;
import jakarta.annotation.PreDestroy;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows each engine's event stream (containers labelled {@code baton.app}; die, destroy, oom) and
 * signals the app's controller to reconcile at once, so a killed container is replaced in seconds,
 * not at the next period. A stream that ends (engine restart, idle timeout) is opened again within
 * {@link #RESUBSCRIBE_SECONDS}, from where it stopped; the periodic reconcile covers any gap.
 */
@Component
public class DockerEventWatcher {
  private static final Logger log = LoggerFactory.getLogger(DockerEventWatcher.class);
  static final long RESUBSCRIBE_SECONDS = 5;
  static final long DEBOUNCE_MILLIS = 1_000;

  private final HostDirectory hosts;
  private final DockerClients clients;
  private final WorkflowClient temporal;
  private final Map<String, Closeable> streams = new ConcurrentHashMap<>();
  private final Map<String, Long> since = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSignal = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("docker-events-"));

  public DockerEventWatcher(HostDirectory hosts, DockerClients clients, WorkflowClient temporal) {
    this.hosts = hosts;
    this.clients = clients;
    this.temporal = temporal;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    timer.scheduleWithFixedDelay(this::subscribeAll, 0, RESUBSCRIBE_SECONDS, TimeUnit.SECONDS);
  }

  private void subscribeAll() {
    try {
      for (Host host : hosts.all()) {
        if (!streams.containsKey(host.name())) {
          subscribe(host);
        }
      }
    } catch (RuntimeException e) {
      log.debug("docker events: {}", e.toString());
    }
  }

  private void subscribe(Host host) {
    String name = host.name();
    long from = since.getOrDefault(name, System.currentTimeMillis() / 1000);
    try {
      clients.forHost(host).pingCmd().exec();
      Closeable stream =
          clients
              .forHost(host)
              .eventsCmd()
              .withSince(Long.toString(from))
              .withLabelFilter("baton.app")
              .withEventFilter("die", "destroy", "oom")
              .exec(
                  new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                      since.put(name, System.currentTimeMillis() / 1000);
                      Map<String, String> attrs =
                          event.getActor() == null ? null : event.getActor().getAttributes();
                      if (attrs != null && attrs.get("baton.app") != null) {
                        signal(attrs.get("baton.app"));
                      }
                    }

                    @Override
                    public void onError(Throwable error) {
                      ended(name);
                    }

                    @Override
                    public void onComplete() {
                      ended(name);
                    }
                  });
      streams.put(name, stream);
    } catch (RuntimeException unreachable) {
      // Not answering now: tried again at the next round.
    }
  }

  private void ended(String host) {
    since.putIfAbsent(host, System.currentTimeMillis() / 1000);
    streams.remove(host);
  }

  private void signal(String app) {
    long now = System.currentTimeMillis();
    Long last = lastSignal.get(app);
    if (last != null && now - last < DEBOUNCE_MILLIS) {
      return;
    }
    lastSignal.put(app, now);
    try {
      temporal.newUntypedWorkflowStub(WorkflowIds.app(app)).signal("reconcileNow");
    } catch (RuntimeException e) {
      log.debug("reconcileNow for {}: {}", app, e.toString());
    }
  }

  @PreDestroy
  public void stop() {
    timer.shutdownNow();
    for (Closeable c : streams.values()) {
      try {
        c.close();
      } catch (IOException ignored) {
        // Shutting down.
      }
    }
  }
}

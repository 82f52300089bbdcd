package dev.baton.service.fleet;

import dev.baton.activities.DaemonThreads;
import dev.baton.activities.docker.Balancers;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the balancers' upkeep at start and then every {@code baton.balancer.upkeep-seconds}: after a
 * restart of Baton every balancer is checked against the book at once, and one removed or stopped
 * by hand comes back within a period. Instance changes do not wait for it: they change the
 * balancers themselves.
 */
@Component
public class BalancerUpkeep {
  private static final Logger log = LoggerFactory.getLogger(BalancerUpkeep.class);

  private final Balancers balancers;
  private final long periodSeconds;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("balancer-upkeep-"));

  public BalancerUpkeep(
      Balancers balancers, @Value("${baton.balancer.upkeep-seconds:10}") long periodSeconds) {
    this.balancers = balancers;
    this.periodSeconds = periodSeconds;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    timer.scheduleWithFixedDelay(this::upkeep, 0, periodSeconds, TimeUnit.SECONDS);
  }

  @PreDestroy
  public void stop() {
    timer.shutdownNow();
  }

  private void upkeep() {
    try {
      balancers.upkeep();
    } catch (RuntimeException e) {
      // The next period tries again; the timer must not die.
      log.warn("balancer upkeep: {}", e.toString());
    }
  }
}

package dev.baton.service.config;

import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How soon work left by a dead replica moves to a live one (docs/operations.md):
 *
 * <ul>
 *   <li>a workflow's next task waits {@code baton.failover.sticky-seconds} for the replica that ran
 *       its last one (Temporal's default 5 s) before any replica may take it;
 *   <li>heartbeats reach Temporal at least every {@code baton.failover.heartbeat-send-millis}, so a
 *       live activity keeps slack under its 4 s heartbeat timeout on a loaded machine (the SDK
 *       would otherwise send only every 0.8 of the timeout).
 * </ul>
 */
@Configuration
public class FailoverTimings {

  @Bean
  TemporalOptionsCustomizer<WorkerOptions.Builder> failoverWorkerOptions(
      @Value("${baton.failover.sticky-seconds:2}") long stickySeconds,
      @Value("${baton.failover.heartbeat-send-millis:1500}") long heartbeatSendMillis) {
    Duration send = Duration.ofMillis(heartbeatSendMillis);
    return builder ->
        builder
            .setStickyQueueScheduleToStartTimeout(Duration.ofSeconds(stickySeconds))
            .setDefaultHeartbeatThrottleInterval(send)
            .setMaxHeartbeatThrottleInterval(send);
  }
}

package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.HttpProbe;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.ports.HealthResult;
import dev.baton.workflows.ports.HealthWait;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * The health gate of one new instance. It passes when the Docker health check (if any) says healthy
 * and the x-baton HTTP probe (if any) got a 2xx; with neither, as soon as it runs. It fails fast on
 * an exit or restart, on "unhealthy", after {@code probe.retries} consecutive probe failures, or
 * when the budget is spent. A failed gate is a returned result, not an exception: an unhealthy
 * instance is an outcome the rollout decides about, not an activity to retry.
 */
final class HealthGate {

  /**
   * How often the gate inspects the container. Docker runs the health check itself (every {@code
   * interval}), so this only bounds how late Baton notices "healthy": 100 ms costs one cheap
   * inspect per instance per tick (docs/performance.md).
   */
  static final long POLL_MILLIS = 100;

  private static final int MAX_REASON = 300;

  private final HttpProber prober;
  private final long pollMillis;

  HealthGate(HttpProber prober) {
    this(prober, POLL_MILLIS);
  }

  HealthGate(HttpProber prober, long pollMillis) {
    this.prober = prober;
    this.pollMillis = pollMillis > 0 ? pollMillis : POLL_MILLIS;
  }

  HealthResult await(DockerClient docker, Host host, HealthWait wait) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    Instance instance = wait.instance();
    HttpProbe probe = wait.service() == null ? null : wait.service().probe();
    boolean completes = wait.service() != null && wait.service().completes();
    long budget = wait.budgetMillis() > 0 ? wait.budgetMillis() : budgetOf(wait);
    long deadline = System.currentTimeMillis() + budget;
    String who = instance.service() + " r" + instance.revision() + " slot " + instance.slot();
    int probeFailures = 0;
    boolean probePassed = false;
    long nextProbeAt = 0;
    String probeError = null;
    String detail;
    while (true) {
      InspectContainerResponse c;
      try {
        c = docker.inspectContainerCmd(instance.containerId()).exec();
      } catch (NotFoundException e) {
        return failed(
            "container is missing", InstanceMapper.missing(host.name(), instance.containerId()));
      }
      Instance now = InstanceMapper.fromInspect(host, c);
      InspectContainerResponse.ContainerState state = c.getState();
      String status = String.valueOf(state.getStatus());
      boolean ended = status.equals("exited") || status.equals("dead");
      if (completes && ended) {
        Long code = state.getExitCodeLong();
        return code != null && code == 0
            ? new HealthResult(true, "completed", now)
            : failed(exitReason(state), now);
      }
      if (ended) {
        return failed(exitReason(state), now);
      }
      if (Boolean.TRUE.equals(state.getRestarting())
          || (c.getRestartCount() != null && c.getRestartCount() > 0)) {
        return failed("restarting", now);
      }
      if (completes) {
        detail = "running until it exits (state: " + status + ")";
      } else if (!status.equals("running")) {
        detail = "not running yet (state: " + status + ")";
      } else {
        HealthState health = state.getHealth();
        String dockerHealth = health == null ? null : health.getStatus();
        if ("unhealthy".equals(dockerHealth)) {
          return failed("unhealthy: " + lastOutput(health), now);
        }
        boolean dockerPassed = dockerHealth == null || "healthy".equals(dockerHealth);
        long t = System.currentTimeMillis();
        if (probe != null && !probePassed && t >= nextProbeAt) {
          String address = InstanceMapper.publishedAddress(host, c, probe.port());
          String error = prober.check(address, probe.path(), probe.timeoutMillis());
          if (error == null) {
            probePassed = true;
          } else {
            probeFailures++;
            int allowed = Math.max(1, probe.retries());
            if (probeFailures >= allowed) {
              return failed(
                  "probe GET " + probe.path() + " failed " + probeFailures + " times: " + error,
                  now);
            }
            probeError = error;
          }
          nextProbeAt = t + Math.max(pollMillis, probe.intervalMillis());
        }
        if (dockerPassed && (probe == null || probePassed)) {
          return new HealthResult(true, "healthy", now);
        }
        detail = describeWaiting(health, probe, probePassed, probeFailures, probeError);
      }
      long remaining = deadline - System.currentTimeMillis();
      if (remaining <= 0) {
        return failed("not healthy within " + budget + " ms: " + detail, now);
      }
      // Throws when the activity is cancelled: the wait ends with it.
      activity.heartbeat(who + ": " + detail);
      sleep(Math.min(pollMillis, remaining));
    }
  }

  private static long budgetOf(HealthWait wait) {
    return wait.service() == null ? 2_000 : wait.service().healthBudgetMillis();
  }

  private static String describeWaiting(
      HealthState health,
      HttpProbe probe,
      boolean probePassed,
      int probeFailures,
      String probeError) {
    StringBuilder s = new StringBuilder("starting");
    if (health != null && health.getStatus() != null) {
      s.append(" (health: ").append(health.getStatus());
      Integer streak = health.getFailingStreak();
      if (streak != null && streak > 0) {
        s.append(", ").append(streak).append(" checks failed: ").append(lastOutput(health));
      }
      s.append(")");
    }
    if (probe != null && !probePassed) {
      s.append(" (probe: ")
          .append(probeFailures)
          .append("/")
          .append(Math.max(1, probe.retries()))
          .append(" checks failed")
          .append(probeError == null ? "" : ": " + probeError)
          .append(")");
    }
    return s.toString();
  }

  private static String exitReason(InspectContainerResponse.ContainerState state) {
    Long code = state.getExitCodeLong();
    StringBuilder s = new StringBuilder("exited with code ").append(code == null ? "?" : code);
    if (Boolean.TRUE.equals(state.getOOMKilled())) {
      s.append(" (out of memory)");
    }
    if (state.getError() != null && !state.getError().isBlank()) {
      s.append(": ").append(trim(state.getError()));
    }
    return s.toString();
  }

  static String lastOutput(HealthState health) {
    List<HealthStateLog> log = health == null ? null : health.getLog();
    if (log == null || log.isEmpty()) {
      return "no check output";
    }
    HealthStateLog last = log.get(log.size() - 1);
    String out = trim(last.getOutput());
    String code = last.getExitCodeLong() == null ? "?" : last.getExitCodeLong().toString();
    return out.isEmpty() ? "check exited with " + code : out;
  }

  private static String trim(String text) {
    if (text == null) {
      return "";
    }
    String t = text.strip().replaceAll("\\s+", " ");
    return t.length() > MAX_REASON ? t.substring(0, MAX_REASON) + "..." : t;
  }

  private static HealthResult failed(String reason, Instance instance) {
    return new HealthResult(false, reason, instance);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("health wait interrupted", "Interrupted");
    }
  }
}

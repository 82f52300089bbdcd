package dev.baton.workflows.move;

import dev.baton.workflows.backup.VolumeHolders;
import dev.baton.workflows.backup.VolumeHolders.Holder;
import dev.baton.workflows.instance.InstanceLifecycle;
import dev.baton.workflows.instance.Scheduler;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.ports.DockerActivities;
import dev.baton.workflows.ports.StateActivities;
import dev.baton.workflows.ports.VolumeArchives;
import dev.baton.workflows.ports.VolumeCopy;
import dev.baton.workflows.rollout.Rollout;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.support.Ports;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the app's named volumes off a draining host, in the order that keeps one copy of the data
 * authoritative at every moment: stop every instance that mounts them (never two writers) → copy
 * each volume to the target → re-pin it there → start the instances there through their health gate
 * → only then remove the source volumes. A failed copy leaves the pins alone and starts the
 * instances again on the source; a failure after the re-pin keeps the source volume (an event says
 * so). Every step is idempotent, so a crash of Baton anywhere resumes where it stopped; until the
 * re-pin the source is the data, after it the target is.
 */
public class MoveVolumesWorkflowImpl extends Rollout implements MoveVolumesWorkflow {
  /** A copy of many GB takes what it takes; its heartbeats show the worker is alive. */
  private static final Duration COPY_BUDGET = Duration.ofHours(6);

  private static final Duration COPY_HEARTBEAT = Duration.ofSeconds(20);

  // A few tries (a killed Baton's copy resumes after the heartbeat timeout), then the move gives
  // up.
  private final DockerActivities copier =
      Workflow.newActivityStub(
          DockerActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(COPY_BUDGET)
              .setHeartbeatTimeout(COPY_HEARTBEAT)
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setMaximumAttempts(5)
                      .setDoNotRetry(DockerActivities.HOST_UNREACHABLE)
                      .build())
              .build());
  private final VolumeArchives archives =
      Ports.fewTries(VolumeArchives.class, Duration.ofMinutes(1), 5);

  @Override
  public RolloutResult move(MoveVolumesRequest r) {
    AppSpec spec = r.current() == null ? null : r.current().spec();
    String source = r.host();
    begin(
        OperationKind.MOVE_VOLUMES,
        r.operationId(),
        r.app(),
        r.revision(),
        spec,
        r.requestedBy(),
        "moving the volumes on " + source);
    StateActivities state = new Ports().state();
    List<MovingVolume> volumes =
        spec == null ? List.of() : MovingVolume.on(spec, state.volumeHosts(r.app()), source);
    if (volumes.isEmpty()) {
      return finish(
          OperationStatus.SUCCEEDED,
          "no volume of " + r.app() + " on " + source,
          null,
          r.revision());
    }
    String target = target(spec, state, volumes.get(0), source);
    if (target == null) {
      String error = "no other ready host to move " + keys(volumes) + " to; nothing was changed";
      return finish(OperationStatus.FAILED, "failed", error, r.revision());
    }
    List<Holder> holders = holders(spec, volumes);
    holders.forEach(h -> tracking(h.service(), h.instance().revision()));

    List<Holder> stopped = new ArrayList<>();
    for (Holder h : holders) {
      if (h.instance().running()) {
        phase("stopping " + h.instance().containerName() + ", which writes " + h.volumeName());
        stopped.add(
            new Holder(h.service(), h.mount(), lifecycle().stop(h.service(), h.instance())));
      }
    }
    String failed = copyAll(r.app(), volumes, source, target);
    if (failed != null) {
      String unhealthy = startAgain(stopped);
      String error =
          failed + "; the volumes stay on " + source + (unhealthy == null ? "" : "; " + unhealthy);
      return finish(OperationStatus.FAILED, "failed", error, r.revision());
    }
    for (MovingVolume v : volumes) {
      // From here the target's copy is the data: the instances follow the pin.
      if (!state.movePin(r.app(), v.key(), source, target)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "volume " + v.key() + " was re-pinned by someone else", "PinMoved");
      }
      events()
          .add(
              "volume.pinned", v.service().name(), "volume " + v.key() + " now lives on " + target);
    }
    String unhealthy = startOn(target, holders);
    if (unhealthy != null) {
      for (MovingVolume v : volumes) {
        events()
            .add(
                "volume.kept",
                v.service().name(),
                "volume " + v.key() + ": the copy on " + source + " is kept (" + unhealthy + ")");
      }
      String error = "moved to " + target + ", but " + unhealthy + "; the source copies are kept";
      return finish(OperationStatus.FAILED, "failed", error, r.revision());
    }
    for (MovingVolume v : volumes) {
      String service = v.service().name();
      try {
        archives.removeVolume(source, v.name());
        events().add("volume.removed", service, "volume " + v.key() + ": removed from " + source);
      } catch (ActivityFailure e) {
        String left = ": left on " + source + " (" + why(e) + "); remove it by hand";
        events().add("volume.kept", service, "volume " + v.key() + left);
      }
    }
    return finish(
        OperationStatus.SUCCEEDED, "moved " + keys(volumes) + " to " + target, null, r.revision());
  }

  /** Copies every volume to {@code target}; what failed, or null. */
  private String copyAll(String app, List<MovingVolume> volumes, String source, String target) {
    for (MovingVolume v : volumes) {
      String image = v.service().image();
      try {
        new Ports().dockerPull().pull(target, image);
        phase("volume " + v.key() + ": copying from " + source + " to " + target);
        long bytes =
            copier.copyVolume(
                new VolumeCopy(app, v.key(), v.name(), v.mount().volume(), image, source, target));
        events()
            .add(
                "volume.copied",
                v.service().name(),
                "volume "
                    + v.key()
                    + ": copied "
                    + bytes
                    + " bytes from "
                    + source
                    + " to "
                    + target);
      } catch (ActivityFailure e) {
        String why = "volume " + v.key() + ": copy to " + target + " failed: " + why(e);
        events().add("volume.kept", v.service().name(), why + "; it stays on " + source);
        return why;
      }
    }
    return null;
  }

  /**
   * The scheduler's choice for the first volume's slot with its pins and the source set aside, or
   * else any other ready host (the drain's whole point is to leave the source).
   */
  private String target(AppSpec spec, StateActivities state, MovingVolume first, String source) {
    List<Host> hosts = new ArrayList<>(state.readyHosts());
    hosts.removeIf(h -> h.name().equals(source));
    if (hosts.isEmpty()) {
      return null;
    }
    Scheduler.Context ctx = Scheduler.Context.read(spec, spec.app(), state);
    ctx.volumes().values().removeIf(source::equals);
    Scheduler.Choice choice =
        Scheduler.place(hosts, first.service(), first.slot(), lifecycle().fleet().all(), null, ctx);
    return choice.host() != null ? choice.host() : hosts.get(0).name();
  }

  /** Every instance that mounts one of the volumes, once each. */
  private List<Holder> holders(AppSpec spec, List<MovingVolume> volumes) {
    Map<String, Holder> byName = new LinkedHashMap<>();
    for (MovingVolume v : volumes) {
      for (Holder h : VolumeHolders.of(spec, v.key(), lifecycle().fleet().all())) {
        byName.putIfAbsent(h.instance().containerName() + "@" + h.instance().host(), h);
      }
    }
    return List.copyOf(byName.values());
  }

  /** The old containers go (the source volume must be free), new ones start on the target. */
  private String startOn(String target, List<Holder> holders) {
    List<String> failed = new ArrayList<>();
    InstanceLifecycle lifecycle = lifecycle();
    for (Holder h : holders) {
      lifecycle.retire(h.service(), h.instance());
      phase("starting " + h.instance().containerName() + " on " + target);
      InstanceLifecycle.Gated gated =
          lifecycle.start(
              h.service(),
              h.instance().revision(),
              h.instance().slot(),
              target,
              h.service().healthBudgetMillis());
      if (!gated.healthy()) {
        failed.add(gated.reason());
      }
    }
    return failed.isEmpty() ? null : "not healthy on " + target + ": " + String.join("; ", failed);
  }

  /** Starts the stopped holders again on the source; what failed, or null. */
  private String startAgain(List<Holder> stopped) {
    List<String> failed = new ArrayList<>();
    for (Holder h : stopped) {
      phase("starting " + h.instance().containerName() + " again on " + h.instance().host());
      try {
        InstanceLifecycle.Gated gated = lifecycle().restart(h.service(), h.instance());
        if (!gated.healthy()) {
          failed.add(gated.reason());
        }
      } catch (ActivityFailure e) {
        failed.add(h.instance().containerName() + ": " + why(e));
      }
    }
    return failed.isEmpty() ? null : "not healthy again: " + String.join("; ", failed);
  }

  private static String keys(List<MovingVolume> volumes) {
    return String.join(", ", volumes.stream().map(MovingVolume::key).toList());
  }

  private static String why(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure af) {
      return af.getOriginalMessage();
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }
}

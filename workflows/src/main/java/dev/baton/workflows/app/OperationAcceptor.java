package dev.baton.workflows.app;

import dev.baton.workflows.app.AppState.QueuedOperation;
import dev.baton.workflows.app.OperationRequest.Backup;
import dev.baton.workflows.app.OperationRequest.Deploy;
import dev.baton.workflows.app.OperationRequest.Restore;
import dev.baton.workflows.app.OperationRequest.Rollback;
import dev.baton.workflows.app.OperationRequest.Scale;
import dev.baton.workflows.backup.BackupIds;
import dev.baton.workflows.backup.VolumeHolders;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.OperationRecord;
import dev.baton.workflows.support.Ports;
import dev.baton.workflows.support.WorkflowIds;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one way into an app's queue: validates a request against the controller's state (the Update
 * validator: a bad request is refused before anything is recorded), then numbers the revision it
 * makes, queues it and records revision and operation.
 */
record OperationAcceptor(ControllerState state, Ports ports) {

  void validate(OperationRequest request) {
    if (request == null) {
      throw invalid("an operation kind is required");
    }
    List<String> problems = new ArrayList<>();
    // Java 17 has no type patterns in switch: the kind's exhaustive switch, then the record.
    switch (request.kind()) {
      case DEPLOY -> validateDeploy((Deploy) request, problems);
      case SCALE -> validateScale((Scale) request, problems);
      case ROLLBACK -> validateRollback((Rollback) request, problems);
      case DELETE -> {
        if (state.lastRevision == 0) {
          problems.add("app " + state.app + " has nothing to delete");
        }
      }
      case BACKUP -> validateVolume(((Backup) request).volume(), false, problems);
      case RESTORE -> validateVolume(((Restore) request).volume(), true, problems);
      case MOVE_VOLUMES -> {
        if (state.latest() == null) {
          problems.add("app " + state.app + " runs no revision: nothing to move");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw invalid(String.join("; ", problems));
    }
  }

  OperationAccepted accept(OperationRequest request) {
    return switch (request.kind()) {
      case DEPLOY -> {
        Deploy d = (Deploy) request;
        Revision given = d.revision();
        Revision revision =
            new Revision(++state.lastRevision, given.spec(), given.digest(), given.yaml());
        yield queue(d, revision, WorkflowIds.deploy(state.app, revision.number()), null);
      }
      case SCALE -> {
        Scale s = (Scale) request;
        // A scale records a new revision: the latest spec with the requested replica counts.
        AppSpec spec = state.latest().spec().withReplicas(s.replicas());
        // No digest: the store computes it from the spec, which differs from the file's.
        Revision revision = new Revision(++state.lastRevision, spec, null, null);
        yield queue(s, revision, WorkflowIds.scale(state.app, revision.number()), null);
      }
      case ROLLBACK -> acceptRollback((Rollback) request);
      case DELETE -> {
        String suffix = Workflow.randomUUID().toString().substring(0, 8);
        yield queue(request, marker(), WorkflowIds.delete(state.app, suffix), null);
      }
      case BACKUP -> {
        Backup b = (Backup) request;
        String id = BackupIds.next();
        Backup named = new Backup(b.volume(), id, null, b.requestedBy(), b.reason());
        yield queue(named, marker(), WorkflowIds.backup(state.app, id), null);
      }
      case RESTORE -> {
        String suffix = Workflow.randomUUID().toString().substring(0, 8);
        yield queue(request, marker(), WorkflowIds.restore(state.app, suffix), null);
      }
      case MOVE_VOLUMES -> {
        String host = ((OperationRequest.MoveVolumes) request).host();
        String suffix = Workflow.randomUUID().toString().substring(0, 8);
        yield queue(request, marker(), WorkflowIds.moveVolumes(state.app, host, suffix), null);
      }
    };
  }

  /** What an operation that makes no revision is recorded with: the app's last number. */
  private Revision marker() {
    return new Revision(state.lastRevision, null, null, null);
  }

  /**
   * A backup or restore names a named volume that a service of the newest spec mounts; a restore
   * replaces the volume, so not an external one (it is not Baton's to remove and make again).
   */
  private void validateVolume(String volume, boolean replaces, List<String> problems) {
    Revision latest = state.latest();
    if (latest == null) {
      problems.add("app " + state.app + " runs no revision: deploy it first");
      return;
    }
    Mount mount = volume == null ? null : VolumeHolders.mountOf(latest.spec(), volume);
    if (mount == null) {
      problems.add(
          "volume: no service of "
              + state.app
              + " r"
              + latest.number()
              + " mounts a named volume "
              + volume);
    } else if (replaces && mount.volume().external()) {
      problems.add(
          "volume: "
              + volume
              + " is external (made outside Baton): Baton does not replace it; restore it where"
              + " it was made");
    }
  }

  /**
   * A rollback records a new revision that copies the old one (as Kubernetes does), with the
   * replica counts the app runs now unless asked for the old ones.
   */
  private OperationAccepted acceptRollback(Rollback request) {
    int before = state.current == null ? state.lastRevision + 1 : state.current.number();
    Revision source = ports.state().rollbackSource(state.app, request.toRevision(), before);
    if (source == null) {
      throw invalid(
          request.toRevision() > 0
              ? "toRevision: revision "
                  + request.toRevision()
                  + " of "
                  + state.app
                  + " is no longer retained"
              : "toRevision: no earlier revision of " + state.app + " succeeded");
    }
    AppSpec spec =
        request.revisionReplicas() || state.current == null
            ? source.spec()
            : source.spec().withReplicas(state.current.spec().replicaCounts());
    // Other counts than the file's: no digest or text of it, as for a scale.
    boolean asStored = spec.equals(source.spec());
    Revision revision =
        new Revision(
            ++state.lastRevision,
            spec,
            asStored ? source.digest() : null,
            asStored ? source.yaml() : null);
    String why =
        "rollback to r"
            + source.number()
            + (request.reason() == null || request.reason().isBlank()
                ? ""
                : ": " + request.reason());
    return queue(request, revision, WorkflowIds.rollback(state.app, revision.number()), why);
  }

  /** Queued before persisting, so operations run in the order their revisions were numbered. */
  private OperationAccepted queue(
      OperationRequest request, Revision revision, String workflowId, String reason) {
    String why = reason == null ? request.reason() : reason;
    QueuedOperation op =
        new QueuedOperation(
            Workflow.randomUUID().toString(), request.accepted(revision, why), workflowId);
    boolean waits = state.busy();
    state.queue.add(op);
    if (revision.spec() != null) {
      ports.state().saveRevision(state.app, revision, request.requestedBy(), why);
    }
    ports.state().saveOperation(record(state.app, op, OperationStatus.QUEUED, null));
    state.persisted.add(op.operationId());
    return new OperationAccepted(
        op.operationId(),
        state.app,
        revision.number(),
        workflowId,
        waits ? OperationStatus.QUEUED : OperationStatus.RUNNING);
  }

  static OperationRecord record(
      String app, QueuedOperation op, OperationStatus status, String error) {
    OperationRequest r = op.request();
    return new OperationRecord(
        op.operationId(),
        app,
        r.kind(),
        r.revision().number(),
        status,
        op.workflowId(),
        null,
        r.requestedBy(),
        r.reason(),
        error);
  }

  private void validateDeploy(Deploy request, List<String> problems) {
    if (request.revision() == null || request.revision().spec() == null) {
      problems.add("a deploy needs a spec");
      return;
    }
    AppSpec spec = request.revision().spec();
    if (!state.app.equals(spec.app())) {
      problems.add("spec is for app " + spec.app() + ", not " + state.app);
    }
    if (spec.services() == null || spec.services().isEmpty()) {
      problems.add("services: at least one service is required");
      return;
    }
    for (ServiceSpec s : spec.services()) {
      if (s.image() == null || s.image().isBlank()) {
        problems.add("services." + s.name() + ".image: required");
      }
      if (s.replicas() < 0) {
        problems.add("services." + s.name() + ".deploy.replicas: must be >= 0");
      }
    }
  }

  private void validateScale(Scale request, List<String> problems) {
    Revision base = state.latest();
    if (base == null) {
      problems.add("app " + state.app + " runs no revision: deploy it first");
      return;
    }
    if (request.replicas() == null || request.replicas().isEmpty()) {
      problems.add("replicas: name at least one service and its count");
      return;
    }
    String known =
        base.spec().services().stream().map(ServiceSpec::name).collect(Collectors.joining(", "));
    request
        .replicas()
        .forEach(
            (service, n) -> {
              if (base.spec().service(service) == null) {
                problems.add(
                    "replicas."
                        + service
                        + ": unknown service ("
                        + state.app
                        + " has "
                        + known
                        + ")");
              } else if (n == null || n < 0) {
                problems.add("replicas." + service + ": must be >= 0");
              } else if (base.spec().service(service).global()) {
                problems.add(
                    "replicas."
                        + service
                        + ": a global service runs one instance on every eligible host;"
                        + " deploy again to count the hosts anew");
              }
            });
  }

  private void validateRollback(Rollback request, List<String> problems) {
    int to = request.toRevision();
    int last = state.lastRevision;
    if (last == 0) {
      problems.add("app " + state.app + " has no revisions");
    } else if (to < 0 || to > last) {
      problems.add(
          "toRevision: unknown revision " + to + " (" + state.app + " has r1 to r" + last + ")");
    } else if (to > 0 && state.current != null && to == state.current.number() && !state.busy()) {
      // Only when idle: while an operation runs, `current` is the revision before it (a client may
      // ask right after the operation's status reads SUCCEEDED, before its child returns).
      problems.add("toRevision: " + state.app + " already runs r" + to);
    }
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, "invalid");
  }
}

package dev.baton.workflows.app;

import dev.baton.workflows.app.AppState.QueuedOperation;
import dev.baton.workflows.app.OperationRequest.Deploy;
import dev.baton.workflows.app.OperationRequest.Rollback;
import dev.baton.workflows.app.OperationRequest.Scale;
import dev.baton.workflows.backup.BackupRequest;
import dev.baton.workflows.backup.BackupWorkflow;
import dev.baton.workflows.backup.RestoreWorkflow;
import dev.baton.workflows.deploy.DeployRequest;
import dev.baton.workflows.deploy.DeployWorkflow;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.move.MoveVolumesRequest;
import dev.baton.workflows.move.MoveVolumesWorkflow;
import dev.baton.workflows.rollback.RollbackWorkflow;
import dev.baton.workflows.rollout.RolloutResult;
import dev.baton.workflows.scale.ScaleRequest;
import dev.baton.workflows.scale.ScaleWorkflow;
import dev.baton.workflows.support.BatonSearchAttributes;
import dev.baton.workflows.support.Ports;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.stream.Collectors;

/**
 * Runs one accepted operation as its child workflow and moves the controller's revisions by the
 * outcome: the running revision changes only when the child says it runs.
 */
record OperationRunner(ControllerState state, Ports ports) {

  void run(QueuedOperation op) {
    Revision target = op.request().revision();
    String app = state.app;
    try {
      OperationRequest request = op.request();
      switch (request.kind()) {
        case DEPLOY -> {
          Deploy d = (Deploy) request;
          RolloutResult result =
              child(DeployWorkflow.class, op, "deploy", summary(target))
                  .deploy(deployRequest(op, d));
          ran(target, result, true);
        }
        case SCALE -> {
          Scale s = (Scale) request;
          RolloutResult result =
              child(ScaleWorkflow.class, op, "scale", "scale " + app + " to " + replicas(target))
                  .scale(
                      new ScaleRequest(
                          op.operationId(),
                          app,
                          target,
                          state.current,
                          state.namesRevision(),
                          s.requestedBy()));
          // A scale keeps the containers' names: instanceRevision stays.
          ran(target, result, false);
        }
        case ROLLBACK -> {
          Rollback r = (Rollback) request;
          RolloutResult result =
              child(
                      RollbackWorkflow.class,
                      op,
                      "rollback",
                      "rollback of " + app + ": " + r.reason())
                  .rollback(deployRequest(op, r));
          ran(target, result, true);
        }
        case DELETE -> {
          child(DeleteAppWorkflow.class, op, "delete", "delete " + app)
              .delete(
                  op.operationId(),
                  app,
                  target.number(),
                  request.requestedBy(),
                  ((OperationRequest.Delete) request).volumes());
          state.current = null;
          state.instanceRevision = 0;
        }
        case BACKUP -> {
          OperationRequest.Backup b = (OperationRequest.Backup) request;
          child(BackupWorkflow.class, op, "backup", "backup of " + app + "/" + b.volume())
              .backup(volumeRequest(op, b.volume(), b.backup()));
        }
        case RESTORE -> {
          OperationRequest.Restore b = (OperationRequest.Restore) request;
          String summary = "restore of " + app + "/" + b.volume() + " from " + b.backup();
          child(RestoreWorkflow.class, op, "restore", summary)
              .restore(volumeRequest(op, b.volume(), b.backup()));
        }
        case MOVE_VOLUMES -> {
          String host = ((OperationRequest.MoveVolumes) request).host();
          String summary = "move of " + app + "'s volumes off " + host;
          child(MoveVolumesWorkflow.class, op, "move-volumes", summary)
              .move(
                  new MoveVolumesRequest(
                      op.operationId(), app, host, state.current, request.requestedBy()));
        }
      }
    } catch (ChildWorkflowFailure e) {
      ports
          .state()
          .saveOperation(
              OperationAcceptor.record(
                  app, op, OperationStatus.FAILED, "rollout crashed: " + e.getMessage()));
      if (op.request().revision().spec() != null) {
        ports.state().setRevisionOutcome(app, target.number(), "FAILED");
      }
    }
  }

  /** A backup or restore runs on the app as it runs now, not as it ran when it was queued. */
  private BackupRequest volumeRequest(QueuedOperation op, String volume, String backup) {
    return new BackupRequest(
        op.operationId(), state.app, volume, backup, state.current, op.request().requestedBy());
  }

  private DeployRequest deployRequest(QueuedOperation op, OperationRequest request) {
    return new DeployRequest(
        op.operationId(), state.app, request.revision(), state.previous(), request.requestedBy());
  }

  private void ran(Revision target, RolloutResult result, boolean renamesInstances) {
    if (result.runningRevision() == target.number()) {
      state.current = target;
      if (renamesInstances) {
        state.instanceRevision = target.number();
      }
    }
    ports.state().setRevisionOutcome(state.app, target.number(), result.status().name());
  }

  private <T> T child(Class<T> type, QueuedOperation op, String kind, String summary) {
    OperationRequest request = op.request();
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(op.workflowId())
            .setTypedSearchAttributes(
                BatonSearchAttributes.of(
                    state.app, kind, request.revision().number(), OperationStatus.RUNNING))
            .setStaticSummary(summary)
            .setStaticDetails(
                "requested by "
                    + request.requestedBy()
                    + (request.reason() == null ? "" : ": " + request.reason()))
            .build();
    return Workflow.newChildWorkflowStub(type, options);
  }

  private static String summary(Revision target) {
    String images =
        target.spec().services().stream()
            .map(s -> s.name() + "=" + s.image())
            .collect(Collectors.joining(", "));
    return "deploy " + target.spec().app() + " r" + target.number() + ": " + images;
  }

  private static String replicas(Revision target) {
    return target.spec().services().stream()
        .map(s -> s.name() + "=" + s.replicas())
        .collect(Collectors.joining(", "));
  }
}

package dev.baton.workflows.deploy;

import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.scale.ScaleRequest;
import dev.baton.workflows.scale.ScaleWorkflow;
import dev.baton.workflows.support.EventLog;
import dev.baton.workflows.support.Ports;
import java.util.ArrayList;
import java.util.List;

/**
 * A scale is a rollout of replica counts: {@link ServiceRollout} converges each changed service to
 * the running instances' own revision, so existing slots are settled and untouched, new slots are
 * placed and health-gated, and slots above the count are removed (highest, i.e. newest, first).
 * Lives beside the deploy because it reuses its rollout machinery.
 */
public class ScaleWorkflowImpl implements ScaleWorkflow {
  private final RolloutControl control = new RolloutControl();
  private ProgressTracker progress;

  @Override
  public DeployResult scale(ScaleRequest request) {
    Revision target = request.target();
    progress = new ProgressTracker(request.operationId(), target.number());
    Ports ports = new Ports();
    EventLog events = new EventLog(ports.state(), request.app(), request.operationId());
    int names = request.instanceRevision();
    OperationStatusWriter status =
        new OperationStatusWriter(
            ports,
            events,
            progress,
            OperationKind.SCALE,
            request.operationId(),
            request.app(),
            target.number(),
            request.requestedBy());
    status.set(OperationStatus.RUNNING, "scaling (r" + target.number() + ")", null);

    List<Instance> seen = ports.docker().list(request.app());
    ports.state().syncInstances(request.app(), seen);
    ServiceRollout rollout =
        new ServiceRollout(
            request.app(),
            request.operationId(),
            ports,
            new Fleet(seen),
            ports.state().readyHosts(),
            control,
            progress,
            events,
            target.spec().progressDeadlineMillis(),
            (s, phase) -> status.set(s, phase, null));
    rollout.placement(new Scheduler.Context(target.spec(), ports.state().hostUsage(request.app())));

    List<ServiceSpec> changed = new ArrayList<>();
    for (ServiceSpec service : target.spec().services()) {
      ServiceSpec before = request.previous().spec().service(service.name());
      if (before != null && before.replicas() == service.replicas()) {
        continue;
      }
      changed.add(service);
      events.add(
          "service.scale",
          service.name(),
          (before == null ? 0 : before.replicas()) + " -> " + service.replicas() + " replicas");
      RolloutOutcome outcome = rollout.run(service, names, service.update(), false);
      if (outcome.failed() || outcome.aborted()) {
        status.set(OperationStatus.ROLLING_BACK, outcome.reason(), null);
        // Back to the old counts: the slots added are removed, the others never moved.
        for (ServiceSpec s : changed) {
          ServiceSpec old = request.previous().spec().service(s.name());
          if (old != null) {
            rollout.run(old, names, old.rollback().continuingOnFailure(), true);
          }
        }
        status.set(OperationStatus.ROLLED_BACK, "rolled back", outcome.reason());
        return new DeployResult(
            OperationStatus.ROLLED_BACK, outcome.reason(), request.previous().number());
      }
    }
    ports.state().setCurrentRevision(request.app(), target.number());
    status.set(OperationStatus.SUCCEEDED, "done", null);
    return new DeployResult(OperationStatus.SUCCEEDED, null, target.number());
  }

  @Override
  public void pause() {
    control.pause();
  }

  @Override
  public void resume() {
    control.resume();
  }

  @Override
  public void abort(String reason) {
    control.abort(reason);
  }

  @Override
  public DeployProgress progress() {
    return progress == null ? null : progress.snapshot();
  }
}

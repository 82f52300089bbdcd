package dev.baton.workflows.deploy;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.support.EventLog;
import dev.baton.workflows.support.Ports;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolls the app's services in dependency order. A service that fails past its failure ratio with
 * failure_action rollback (or an abort) sends the whole app back to the previous revision: every
 * service that already moved returns, in reverse order, through the same gates.
 */
public class DeployWorkflowImpl implements DeployWorkflow {
  private final RolloutControl control = new RolloutControl();
  private ProgressTracker progress;

  @Override
  public DeployResult deploy(DeployRequest request) {
    Revision target = request.target();
    progress = new ProgressTracker(request.operationId(), target.number());
    Ports ports = new Ports();
    EventLog events = new EventLog(ports.state(), request.app(), request.operationId());
    OperationStatusWriter status =
        new OperationStatusWriter(
            ports,
            events,
            progress,
            OperationKind.DEPLOY,
            request.operationId(),
            request.app(),
            target.number(),
            request.requestedBy());
    status.set(OperationStatus.RUNNING, "rolling to r" + target.number(), null);

    List<Host> hosts = ports.state().readyHosts();
    List<Instance> seen = ports.docker().list(request.app());
    ports.state().syncInstances(request.app(), seen);
    Fleet fleet = new Fleet(seen);
    ServiceRollout rollout =
        new ServiceRollout(
            request.app(),
            request.operationId(),
            ports,
            fleet,
            hosts,
            control,
            progress,
            events,
            target.spec().progressDeadlineMillis(),
            (s, phase) -> status.set(s, phase, null));
    // Placement counts other apps' reservations.
    rollout.placement(new Scheduler.Context(target.spec(), ports.state().hostUsage(request.app())));

    List<ServiceSpec> moved = new ArrayList<>();
    String degraded = null;
    for (ServiceSpec service : target.spec().services()) {
      moved.add(service);
      RolloutOutcome outcome = rollout.run(service, target.number(), service.update(), false);
      if (outcome.aborted() || outcome.failed()) {
        boolean aborted = outcome.aborted();
        progress.error(outcome.reason());
        status.set(OperationStatus.ROLLING_BACK, "rolling back: " + outcome.reason(), null);
        boolean restored = rollBack(rollout, request, moved);
        OperationStatus end =
            aborted
                ? OperationStatus.ABORTED
                : restored ? OperationStatus.ROLLED_BACK : OperationStatus.FAILED;
        int running = request.previous() == null ? 0 : request.previous().number();
        // A first deploy has nothing to return to: removing what it made is the whole rollback.
        boolean complete = restored || request.previous() == null;
        String error = complete ? outcome.reason() : outcome.reason() + "; rollback incomplete";
        status.set(end, end.name().toLowerCase().replace('_', ' '), error);
        return new DeployResult(end, error, running);
      }
      if (outcome.degraded()) {
        degraded = outcome.reason();
      }
    }
    removeDroppedServices(rollout, request);
    ports.state().setCurrentRevision(request.app(), target.number());
    OperationStatus end = degraded == null ? OperationStatus.SUCCEEDED : OperationStatus.FAILED;
    status.set(end, end == OperationStatus.SUCCEEDED ? "done" : "done with failures", degraded);
    return new DeployResult(end, degraded, target.number());
  }

  /** Returns every moved service to the previous revision; true when all of it came back. */
  private boolean rollBack(ServiceRollout rollout, DeployRequest request, List<ServiceSpec> moved) {
    Revision previous = request.previous();
    boolean complete = true;
    for (int i = moved.size() - 1; i >= 0; i--) {
      ServiceSpec service = moved.get(i);
      ServiceSpec earlier = previous == null ? null : previous.spec().service(service.name());
      if (earlier == null) {
        rollout.removeRevision(service, request.target().number());
        continue;
      }
      RolloutOutcome outcome =
          rollout.run(earlier, previous.number(), earlier.rollback().continuingOnFailure(), true);
      complete &= !outcome.degraded() && !outcome.failed();
    }
    return complete && previous != null;
  }

  private void removeDroppedServices(ServiceRollout rollout, DeployRequest request) {
    if (request.previous() == null) {
      return;
    }
    AppSpec target = request.target().spec();
    for (ServiceSpec old : request.previous().spec().services()) {
      if (target.service(old.name()) == null) {
        rollout.removeAll(old, old.name());
      }
    }
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

package dev.baton.workflows.rollout;

import dev.baton.workflows.instance.Fleet;
import dev.baton.workflows.instance.InstanceLifecycle;
import dev.baton.workflows.instance.Scheduler;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy;
import dev.baton.workflows.support.EventLog;
import dev.baton.workflows.support.Ports;
import java.util.ArrayList;
import java.util.List;

/**
 * What every rollout (deploy, rollback, scale) does alike: set up (status, hosts, the fleet as the
 * hosts report it, placement), answer pause / resume / abort and the progress query, write its
 * status, and move what already moved back when it fails. A subclass says only what moves.
 */
public abstract class Rollout implements SteerableRollout {
  private final RolloutControl control = new RolloutControl();
  private ProgressTracker progress;
  private Ports ports;
  private EventLog events;
  private OperationStatusWriter status;
  private InstanceLifecycle lifecycle;
  private ServiceRollout services;
  private String app;

  /** Starts the rollout to {@code target}: status RUNNING with {@code phase}. */
  protected final void begin(
      OperationKind kind,
      String operationId,
      String app,
      Revision target,
      String requestedBy,
      String phase) {
    begin(kind, operationId, app, target.number(), target.spec(), requestedBy, phase);
  }

  /**
   * Sets up: status RUNNING, the ready hosts, the app's instances as the hosts report them, and
   * placement for {@code spec} (null for a delete, which places nothing).
   */
  protected final void begin(
      OperationKind kind,
      String operationId,
      String app,
      int revision,
      AppSpec spec,
      String requestedBy,
      String phase) {
    this.app = app;
    progress = new ProgressTracker(operationId, revision);
    ports = new Ports();
    events = EventLog.ofOperation(ports.state(), app, operationId);
    status =
        new OperationStatusWriter(
            ports, events, progress, kind, operationId, app, revision, requestedBy);
    status.set(OperationStatus.RUNNING, phase, null);

    List<Host> hosts = ports.state().readyHosts();
    List<Instance> seen = ports.docker().list(app);
    ports.state().syncInstances(app, seen);
    // Placement counts other apps' reservations.
    Scheduler.Context placement =
        spec == null ? null : Scheduler.Context.read(spec, app, ports.state());
    lifecycle =
        new InstanceLifecycle(
            app,
            operationId,
            ports,
            ports.docker(),
            new Fleet(seen),
            hosts,
            () -> placement,
            new RolloutNarration(progress, events));
    services =
        new ServiceRollout(
            app,
            ports,
            lifecycle,
            control,
            progress,
            events,
            spec == null ? Long.MAX_VALUE : spec.progressDeadlineMillis(),
            (s, p) -> status.set(s, p, null));
  }

  /**
   * Moves the app's services to {@code target} in dependency order. A service that fails past its
   * failure ratio with failure_action rollback (or an abort) sends the whole app back to {@code
   * previous}; services the target no longer has are removed once every other one moved.
   */
  protected final RolloutResult moveApp(Revision target, Revision previous) {
    List<ServiceSpec> moved = new ArrayList<>();
    String degraded = null;
    for (ServiceSpec service : target.spec().services()) {
      moved.add(service);
      RolloutOutcome outcome = move(service, target.number());
      if (outcome.aborted() || outcome.failed()) {
        int previousNames = previous == null ? 0 : previous.number();
        return rollBack(outcome, moved, target.number(), previous, previousNames);
      }
      if (outcome.degraded()) {
        degraded = outcome.reason();
      }
    }
    if (previous != null) {
      for (ServiceSpec old : previous.spec().services()) {
        if (target.spec().service(old.name()) == null) {
          services.removeAll(old);
        }
      }
    }
    return reached(target, degraded);
  }

  /** Converges one service to {@code revision} (the name its instances carry). */
  protected final RolloutOutcome move(ServiceSpec service, int revision) {
    return services.run(service, revision, service.update(), false);
  }

  protected final EventLog events() {
    return events;
  }

  /** The instances' one lifecycle, for an operation that moves them itself (backup, restore). */
  protected final InstanceLifecycle lifecycle() {
    return lifecycle;
  }

  /** Shows the service's slots in the progress query (an operation that moves them itself). */
  protected final void tracking(ServiceSpec service, int revision) {
    progress.service(service.name(), revision, 1, service.replicas());
  }

  /** The operation goes on with {@code phase}: in the progress query and as an event. */
  protected final void phase(String phase) {
    status.set(OperationStatus.RUNNING, phase, null);
  }

  /** Ends the operation as {@code end} (with {@code error}); the app runs {@code running}. */
  protected final RolloutResult finish(
      OperationStatus end, String phase, String error, int running) {
    status.set(end, phase, error);
    return new RolloutResult(end, error, running);
  }

  /**
   * The rollout stopped on {@code outcome}: every service in {@code moved} goes back, in reverse
   * order and with its rollback_config, to {@code previous} (instances named {@code
   * previousNames}); one the previous revision did not have loses its instances of {@code movedTo}.
   */
  protected final RolloutResult rollBack(
      RolloutOutcome outcome,
      List<ServiceSpec> moved,
      int movedTo,
      Revision previous,
      int previousNames) {
    progress.error(outcome.reason());
    status.set(OperationStatus.ROLLING_BACK, "rolling back: " + outcome.reason(), null);
    boolean restored = previous != null;
    for (int i = moved.size() - 1; i >= 0; i--) {
      ServiceSpec service = moved.get(i);
      ServiceSpec earlier = previous == null ? null : previous.spec().service(service.name());
      if (earlier == null) {
        services.removeRevision(service, movedTo);
        continue;
      }
      UpdatePolicy policy = earlier.rollback().continuingOnFailure();
      RolloutOutcome back = services.run(earlier, previousNames, policy, true);
      restored &= !back.degraded() && !back.failed();
    }
    OperationStatus end =
        outcome.aborted()
            ? OperationStatus.ABORTED
            : restored ? OperationStatus.ROLLED_BACK : OperationStatus.FAILED;
    // A first deploy has nothing to return to: removing what it made is the whole rollback.
    boolean complete = restored || previous == null;
    String error = complete ? outcome.reason() : outcome.reason() + "; rollback incomplete";
    status.set(end, end.name().toLowerCase().replace('_', ' '), error);
    return new RolloutResult(end, error, previous == null ? 0 : previous.number());
  }

  /**
   * Removes every instance of the app (a delete), its volumes if {@code volumes}, then marks that
   * it runs no revision.
   */
  protected final RolloutResult removeApp(boolean volumes) {
    lifecycle.retireAll(null, lifecycle.fleet().all());
    ports.state().syncInstances(app, ports.docker().list(app));
    ports.docker().removeNetworks(app);
    if (volumes) {
      ports.docker().removeVolumes(app);
      ports.state().forgetVolumes(app);
    }
    ports.state().clearCurrentRevision(app);
    status.set(OperationStatus.SUCCEEDED, "deleted", null);
    return new RolloutResult(OperationStatus.SUCCEEDED, null, 0);
  }

  /** Every service moved: the app runs {@code target}; {@code degraded} failures were tolerated. */
  protected final RolloutResult reached(Revision target, String degraded) {
    ports.state().setCurrentRevision(app, target.number());
    OperationStatus end = degraded == null ? OperationStatus.SUCCEEDED : OperationStatus.FAILED;
    status.set(end, end == OperationStatus.SUCCEEDED ? "done" : "done with failures", degraded);
    return new RolloutResult(end, degraded, target.number());
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
  public RolloutProgress progress() {
    return progress == null ? null : progress.snapshot();
  }
}

package dev.baton.workflows.scale;

import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.rollout.Rollout;
import dev.baton.workflows.rollout.RolloutOutcome;
import dev.baton.workflows.rollout.RolloutResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A scale is a rollout of replica counts to the running instances' own revision, so existing slots
 * are settled and untouched, new slots are placed and health-gated, and slots above the count are
 * removed (highest, i.e. newest, first). Only the services whose count changed move.
 */
public class ScaleWorkflowImpl extends Rollout implements ScaleWorkflow {

  @Override
  public RolloutResult scale(ScaleRequest request) {
    Revision target = request.target();
    Revision previous = request.previous();
    int names = request.instanceRevision();
    begin(
        OperationKind.SCALE,
        request.operationId(),
        request.app(),
        target,
        request.requestedBy(),
        "scaling (r" + target.number() + ")");
    List<ServiceSpec> changed = new ArrayList<>();
    String degraded = null;
    for (ServiceSpec service : target.spec().services()) {
      ServiceSpec before = previous.spec().service(service.name());
      if (before != null && before.replicas() == service.replicas()) {
        continue;
      }
      changed.add(service);
      int from = before == null ? 0 : before.replicas();
      events()
          .add("service.scale", service.name(), from + " -> " + service.replicas() + " replicas");
      RolloutOutcome outcome = move(service, names);
      if (outcome.failed() || outcome.aborted()) {
        // Back to the old counts: the slots added are removed, the others never moved.
        return rollBack(outcome, changed, names, previous, names);
      }
      if (outcome.degraded()) {
        degraded = outcome.reason();
      }
    }
    return reached(target, degraded);
  }
}

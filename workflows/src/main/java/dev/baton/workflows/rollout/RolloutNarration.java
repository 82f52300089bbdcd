package dev.baton.workflows.rollout;

import dev.baton.workflows.instance.InstanceEvents;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.support.EventLog;

/** A rollout's account of its instances: each slot's step in the progress query, and events. */
final class RolloutNarration implements InstanceEvents {
  private final ProgressTracker progress;
  private final EventLog events;

  RolloutNarration(ProgressTracker progress, EventLog events) {
    this.progress = progress;
    this.events = events;
  }

  @Override
  public void unplaceable(String service, int revision, int slot, String reason) {
    progress.slot(service, slot, revision, null, "failed", reason);
    events.add("instance.unplaceable", service, reason);
  }

  @Override
  public void creating(Instance i) {
    progress.slot(i.service(), i.slot(), i.revision(), i.host(), "creating", null);
  }

  @Override
  public void started(Instance i) {
    progress.slot(i.service(), i.slot(), i.revision(), i.host(), "health-checking", null);
  }

  @Override
  public void inService(Instance i) {
    progress.slot(i.service(), i.slot(), i.revision(), i.host(), "healthy", i.address());
    events.add("instance.healthy", i.service(), label(i) + " healthy at " + i.address());
  }

  @Override
  public void failed(Instance i, String reason) {
    progress.slot(i.service(), i.slot(), i.revision(), i.host(), "failed", reason);
    events.add("instance.failed", i.service(), label(i) + ": " + reason);
  }

  @Override
  public void removed(Instance i) {
    events.add("instance.removed", i.service(), i.containerName() + " removed");
  }

  @Override
  public void lost(Instance i, boolean replacing) {
    String next =
        replacing
            ? "placing slot " + i.slot() + " on another host"
            : "left for removal when it returns";
    events.add(
        "instance.lost",
        i.service(),
        i.containerName() + ": " + i.host() + " is unreachable, " + next);
  }

  private static String label(Instance i) {
    return i.containerName() + " on " + i.host();
  }
}

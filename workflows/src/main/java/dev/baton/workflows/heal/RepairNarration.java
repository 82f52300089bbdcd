package dev.baton.workflows.heal;

import dev.baton.workflows.instance.InstanceEvents;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.support.EventLog;

/** Self-healing's account of the instances it moves: app-level events. */
final class RepairNarration implements InstanceEvents {
  private final EventLog events;

  RepairNarration(EventLog events) {
    this.events = events;
  }

  @Override
  public void unplaceable(String service, int revision, int slot, String reason) {
    events.add("reconcile.unplaceable", service, reason);
  }

  @Override
  public void inService(Instance i) {
    events.add("reconcile.healthy", i.service(), label(i) + " healthy");
  }

  @Override
  public void failed(Instance i, String reason) {
    events.add("reconcile.failed", i.service(), label(i) + ": " + reason);
  }

  @Override
  public void lost(Instance i, boolean replacing) {
    events.add("reconcile.lost", i.service(), label(i) + ": the host is unreachable");
  }

  private static String label(Instance i) {
    return i.containerName() + " on " + i.host();
  }
}

package dev.baton.workflows.heal;

import dev.baton.workflows.ports.EventRecord;
import dev.baton.workflows.ports.StateActivities;

/**
 * App-level events (no operation: self-healing between operations). The app's workflow numbers
 * them, carrying the last number across continue-as-new, so a retried write is the same row.
 */
public final class AppEvents {
  private final StateActivities state;
  private final String app;
  private int seq;

  public AppEvents(StateActivities state, String app, int lastSeq) {
    this.state = state;
    this.app = app;
    this.seq = lastSeq;
  }

  public void add(String type, String service, String message) {
    seq++;
    state.appendEvent(new EventRecord(app, null, seq, type, service, message));
  }

  public int lastSeq() {
    return seq;
  }
}

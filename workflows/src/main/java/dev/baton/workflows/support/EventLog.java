package dev.baton.workflows.support;

import dev.baton.workflows.ports.EventRecord;
import dev.baton.workflows.ports.StateActivities;

/**
 * An operation's audit trail. The sequence number lives in workflow state, so a replayed or retried
 * write lands on the same row and the log has no gaps.
 */
public final class EventLog {
  private final StateActivities state;
  private final String app;
  private final String operationId;
  private int seq;

  public EventLog(StateActivities state, String app, String operationId) {
    this.state = state;
    this.app = app;
    this.operationId = operationId;
  }

  public void add(String type, String service, String message) {
    seq++;
    state.appendEvent(new EventRecord(app, operationId, seq, type, service, message));
  }

  public void add(String type, String message) {
    add(type, null, message);
  }
}

package dev.baton.workflows.support;

import dev.baton.workflows.ports.EventRecord;
import dev.baton.workflows.ports.StateActivities;

/**
 * An operation's audit trail, or the app's own (self-healing between operations: no operation). The
 * sequence number lives in workflow state (the app's carried across continue-as-new), so a replayed
 * or retried write lands on the same row and the log has no gaps.
 */
public final class EventLog {
  private final StateActivities state;
  private final String app;
  private final String operationId;
  private int seq;

  private EventLog(StateActivities state, String app, String operationId, int lastSeq) {
    this.state = state;
    this.app = app;
    this.operationId = operationId;
    this.seq = lastSeq;
  }

  public static EventLog ofOperation(StateActivities state, String app, String operationId) {
    return new EventLog(state, app, operationId, 0);
  }

  /** The app-level log, numbered on from {@code lastSeq}. */
  public static EventLog ofApp(StateActivities state, String app, int lastSeq) {
    return new EventLog(state, app, null, lastSeq);
  }

  public void add(String type, String service, String message) {
    seq++;
    state.appendEvent(new EventRecord(app, operationId, seq, type, service, message));
  }

  public void add(String type, String message) {
    add(type, null, message);
  }

  public int lastSeq() {
    return seq;
  }
}

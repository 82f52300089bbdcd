package dev.baton.activities.state;

/** A host's status column; only {@link #READY} hosts take new instances. */
public enum HostStatus {
  READY,
  UNREACHABLE,
  DRAINING,
  REMOVED
}

package dev.baton.activities.state;

import java.io.Serializable;
import java.util.Objects;

/** Key of {@link InstanceEntity}: app, service, revision and slot. */
public class InstanceId implements Serializable {

  private String app;
  private String service;
  private int revision;
  private int slot;

  protected InstanceId() {}

  public InstanceId(String app, String service, int revision, int slot) {
    this.app = app;
    this.service = service;
    this.revision = revision;
    this.slot = slot;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstanceId other
        && revision == other.revision
        && slot == other.slot
        && Objects.equals(app, other.app)
        && Objects.equals(service, other.service);
  }

  @Override
  public int hashCode() {
    return Objects.hash(app, service, revision, slot);
  }
}

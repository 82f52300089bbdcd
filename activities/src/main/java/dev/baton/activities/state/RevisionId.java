package dev.baton.activities.state;

import java.io.Serializable;
import java.util.Objects;

/** Key of {@link RevisionEntity}: an app and its revision number. */
public class RevisionId implements Serializable {

  private String app;
  private int number;

  protected RevisionId() {}

  public RevisionId(String app, int number) {
    this.app = app;
    this.number = number;
  }

  public String getApp() {
    return app;
  }

  public int getNumber() {
    return number;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevisionId other
        && number == other.number
        && Objects.equals(app, other.app);
  }

  @Override
  public int hashCode() {
    return Objects.hash(app, number);
  }
}

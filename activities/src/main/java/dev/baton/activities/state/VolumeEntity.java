package dev.baton.activities.state;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code volumes}: where an app's named volume lives. */
@Entity
@Table(name = "volumes")
@IdClass(VolumeId.class)
public class VolumeEntity {

  @Id private String app;
  @Id private String volume;
  private String host;
  private String name;
  private Instant createdAt;

  protected VolumeEntity() {}

  public String getVolume() {
    return volume;
  }

  public String getHost() {
    return host;
  }
}

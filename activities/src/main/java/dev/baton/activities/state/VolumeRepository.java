package dev.baton.activities.state;

import java.util.List;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code volumes}: where each named volume lives. */
@Transactional
public interface VolumeRepository extends Repository<VolumeEntity, VolumeId> {

  /** Pins the volume to the host unless it is pinned already (the first pin wins). */
  @Modifying
  @NativeQuery(
      """
      INSERT INTO volumes (app, volume, host, name) VALUES (:app, :volume, :host, :name)
      ON CONFLICT (app, volume) DO NOTHING
      """)
  int pin(String app, String volume, String host, String name);

  List<VolumeEntity> findByApp(String app);

  /** Re-pins the volume to {@code to} only where it is pinned to {@code from}. */
  @Modifying
  @NativeQuery(
      "UPDATE volumes SET host = :to WHERE app = :app AND volume = :volume AND host = :from")
  int movePin(String app, String volume, String from, String to);

  @Modifying
  @NativeQuery("DELETE FROM volumes WHERE app = :app")
  int deleteByApp(String app);
}

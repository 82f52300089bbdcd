package dev.baton.service.control;

import dev.baton.activities.state.AppEntity;
import dev.baton.activities.state.RevisionEntity;
import java.util.Optional;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** What a restarted app controller is seeded with: the state the database says the app is in. */
public interface ControllerSeedRepository extends Repository<AppEntity, String> {

  boolean existsByName(String name);

  /** The app's current revision. */
  @Query(
      """
      select r from AppEntity a join RevisionEntity r on r.app = a.name and r.number = a.currentRevision
       where a.name = :app""")
  Optional<RevisionEntity> currentRevision(String app);

  @Query("select coalesce(max(r.number), 0) from RevisionEntity r where r.app = :app")
  int latestRevision(String app);

  /** The revision most of the app's containers are named after (a scale keeps their names). */
  @NativeQuery(
      """
      SELECT coalesce((SELECT revision FROM instances WHERE app = :app
                        GROUP BY revision ORDER BY count(*) DESC, revision DESC LIMIT 1), 0)""")
  int instanceRevision(String app);

  @Query(
      "select coalesce(max(e.seq), 0) from EventEntity e"
          + " where e.app = :app and e.operationId is null")
  int lastAppEventSeq(String app);
}

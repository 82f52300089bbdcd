package dev.baton.activities.state;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code apps}: reads, and the idempotent writes of {@link JpaStateActivities}. A repeated write
 * with the same values touches no row (not even {@code updated_at}).
 */
@Transactional // the @Modifying queries need one; a caller\'s transaction is joined
public interface AppRepository extends JpaRepository<AppEntity, String> {

  /** Makes the app's row if there is none yet. */
  @Modifying
  @NativeQuery("INSERT INTO apps (name) VALUES (:app) ON CONFLICT (name) DO NOTHING")
  int ensure(String app);

  /**
   * Sets the app's current revision (making the app's row if needed). The foreign key (name,
   * current_revision) -> revisions makes an unknown revision an error.
   */
  @Modifying
  @NativeQuery(
      """
      INSERT INTO apps AS a (name, current_revision) VALUES (:app, :revision)
      ON CONFLICT (name) DO UPDATE
         SET current_revision = EXCLUDED.current_revision, deleted_at = NULL, updated_at = now()
       WHERE a.current_revision IS DISTINCT FROM EXCLUDED.current_revision
          OR a.deleted_at IS NOT NULL
      """)
  int setCurrentRevision(String app, int revision);

  @Modifying
  @NativeQuery(
      """
      UPDATE apps SET current_revision = NULL, deleted_at = now(), updated_at = now()
       WHERE name = :app AND (current_revision IS NOT NULL OR deleted_at IS NULL)
      """)
  int clearCurrentRevision(String app);

  /** A new revision of a deleted app's name: the app exists again. */
  @Modifying
  @NativeQuery(
      "UPDATE apps SET deleted_at = NULL, updated_at = now() WHERE name = :app AND deleted_at IS"
          + " NOT NULL")
  int revive(String app);
}

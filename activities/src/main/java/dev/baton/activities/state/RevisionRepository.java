package dev.baton.activities.state;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.transaction.annotation.Transactional;

/** {@code revisions}: reads, and the idempotent writes of {@link JpaStateActivities}. */
@Transactional // the @Modifying queries need one; a caller\'s transaction is joined
public interface RevisionRepository extends JpaRepository<RevisionEntity, RevisionId> {

  Optional<RevisionEntity> findByAppAndNumber(String app, int number);

  /** The newest revision before {@code number} with this outcome. */
  Optional<RevisionEntity> findFirstByAppAndNumberLessThanAndOutcomeOrderByNumberDesc(
      String app, int number, String outcome);

  /**
   * Stores a revision. A revision is immutable: a retry (same digest) only fills in who/why if they
   * were missing; another spec under the same number updates nothing and returns 0. {@code spec} is
   * the JSON of the spec ({@link StateJson#write}).
   */
  @Modifying
  @NativeQuery(
      """
      INSERT INTO revisions (app, number, spec, yaml, digest, created_by, reason)
      VALUES (:app, :number, CAST(:spec AS jsonb), :yaml, :digest, :createdBy, :reason)
      ON CONFLICT (app, number) DO UPDATE
         SET created_by = COALESCE(revisions.created_by, EXCLUDED.created_by),
             reason = COALESCE(revisions.reason, EXCLUDED.reason)
       WHERE revisions.digest = EXCLUDED.digest
      """)
  int insert(
      String app,
      int number,
      String spec,
      String yaml,
      String digest,
      String createdBy,
      String reason);

  @Modifying
  @NativeQuery(
      """
      UPDATE revisions SET outcome = :outcome
       WHERE app = :app AND number = :revision AND outcome IS DISTINCT FROM :outcome
      """)
  int setOutcome(String app, int revision, String outcome);

  /** Deletes all but the newest {@code keep} revisions of the app, and never the current one. */
  @Modifying
  @NativeQuery(
      """
      DELETE FROM revisions r
       WHERE r.app = :app
         AND r.number <= (SELECT max(number) FROM revisions WHERE app = :app) - :keep
         AND r.number IS DISTINCT FROM (SELECT current_revision FROM apps WHERE name = :app)
      """)
  int prune(String app, int keep);

  /** The spec (JSON) of every app's current revision: the images a new host should have. */
  @NativeQuery(
      """
      SELECT r.spec::text FROM apps a
        JOIN revisions r ON r.app = a.name AND r.number = a.current_revision
      """)
  List<String> currentSpecs();
}

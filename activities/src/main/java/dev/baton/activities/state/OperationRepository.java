package dev.baton.activities.state;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.transaction.annotation.Transactional;

/** {@code operations}: the idempotent upsert of {@link JpaStateActivities}. */
@Transactional // the @Modifying queries need one; a caller\'s transaction is joined
public interface OperationRepository extends JpaRepository<OperationEntity, String> {

  /**
   * Writes an operation's row. started_at: when it first left the queue ({@code started}; an
   * operation aborted while queued never started); finished_at: when it first became terminal
   * ({@code terminal}). A terminal row is final: later writes (a late RUNNING from a retried
   * activity, say) change nothing, and neither does a repeated write with the same values.
   */
  @Modifying
  @NativeQuery(
      """
      INSERT INTO operations AS o (id, app, kind, revision, status, workflow_id, run_id,
                                   requested_by, reason, error, started_at, finished_at)
      VALUES (:id, :app, :kind, :revision, :status, :workflowId, :runId,
              :requestedBy, :reason, :error,
              CASE WHEN :started THEN now() END, CASE WHEN :terminal THEN now() END)
      ON CONFLICT (id) DO UPDATE
         SET status = EXCLUDED.status,
             revision = EXCLUDED.revision,
             run_id = COALESCE(EXCLUDED.run_id, o.run_id),
             requested_by = COALESCE(EXCLUDED.requested_by, o.requested_by),
             reason = COALESCE(EXCLUDED.reason, o.reason),
             error = COALESCE(EXCLUDED.error, o.error),
             started_at = COALESCE(o.started_at, EXCLUDED.started_at),
             finished_at = COALESCE(o.finished_at, EXCLUDED.finished_at),
             updated_at = now()
       WHERE o.status NOT IN ('SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'ABORTED')
         AND (o.status, o.revision, o.run_id, o.requested_by, o.reason, o.error)
             IS DISTINCT FROM
             (EXCLUDED.status, EXCLUDED.revision, COALESCE(EXCLUDED.run_id, o.run_id),
              COALESCE(EXCLUDED.requested_by, o.requested_by),
              COALESCE(EXCLUDED.reason, o.reason), COALESCE(EXCLUDED.error, o.error))
      """)
  int upsert(
      String id,
      String app,
      String kind,
      int revision,
      String status,
      String workflowId,
      String runId,
      String requestedBy,
      String reason,
      String error,
      boolean started,
      boolean terminal);
}

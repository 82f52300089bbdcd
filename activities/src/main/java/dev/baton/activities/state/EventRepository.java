package dev.baton.activities.state;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.transaction.annotation.Transactional;

/** The {@code events} log: the idempotent append of {@link JpaStateActivities}. */
@Transactional // the @Modifying queries need one; a caller\'s transaction is joined
public interface EventRepository extends JpaRepository<EventEntity, Long> {

  /**
   * Appends an event. Keyed by (operation_id, seq), or (app, seq) for an app-level event: a retry
   * is a no-op. The actor is whoever requested the operation.
   */
  @Modifying
  @NativeQuery(
      """
      INSERT INTO events (app, operation_id, seq, type, service, message, actor)
      VALUES (:app, :operationId, :seq, :type, :service, :message,
              (SELECT requested_by FROM operations WHERE id = :operationId))
      ON CONFLICT DO NOTHING
      """)
  int append(String app, String operationId, int seq, String type, String service, String message);
}

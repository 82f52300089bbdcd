package dev.baton.activities.state;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/** The {@code events} log: reads, and the idempotent append of {@link JpaStateActivities}. */
@Transactional // the @Modifying queries need one; a caller\'s transaction is joined
public interface EventRepository extends JpaRepository<EventEntity, Long> {

  /** An operation's log, in order. */
  List<EventEntity> findByOperationIdOrderBySeq(String operationId);

  /** An operation's events after {@code seq}: what a streaming client has not seen yet. */
  List<EventEntity> findByOperationIdAndSeqGreaterThanOrderBySeq(String operationId, int seq);

  /** An app's latest events, newest first. */
  List<EventEntity> findByAppOrderByIdDesc(String app, Pageable page);

  /**
   * Appends an event. Keyed by (operation_id, seq), or (app, seq) for an app-level event: a retry
   * is a no-op. The actor is whoever requested the operation.
   */
  @Modifying
  @Query(
      nativeQuery = true,
      value =
          """
          INSERT INTO events (app, operation_id, seq, type, service, message, actor)
          VALUES (:app, :operationId, :seq, :type, :service, :message,
                  (SELECT requested_by FROM operations WHERE id = :operationId))
          ON CONFLICT DO NOTHING
          """)
  int append(String app, String operationId, int seq, String type, String service, String message);
}

package dev.baton.activities.state;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads of the {@code events} log. */
public interface EventRepository extends JpaRepository<EventEntity, Long> {

  /** An operation's log, in order. */
  List<EventEntity> findByOperationIdOrderBySeq(String operationId);

  /** An operation's events after {@code seq}: what a streaming client has not seen yet. */
  List<EventEntity> findByOperationIdAndSeqGreaterThanOrderBySeq(String operationId, int seq);

  /** An app's events after the cursor {@code id}, oldest first. */
  List<EventEntity> findByAppAndIdGreaterThanOrderById(String app, long id, Pageable page);

  /** An app's latest events, newest first. */
  List<EventEntity> findByAppOrderByIdDesc(String app, Pageable page);
}

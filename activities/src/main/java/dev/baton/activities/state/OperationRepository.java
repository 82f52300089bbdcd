package dev.baton.activities.state;

import dev.baton.workflows.model.OperationStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads of {@code operations}. */
public interface OperationRepository extends JpaRepository<OperationEntity, String> {

  Optional<OperationEntity> findByWorkflowId(String workflowId);

  /** An app's operations, newest first. */
  List<OperationEntity> findByAppOrderByCreatedAtDesc(String app, Pageable page);

  List<OperationEntity> findByAppAndStatusInOrderByCreatedAt(
      String app, Collection<OperationStatus> statuses);
}

package dev.baton.service.operations;

import dev.baton.activities.state.OperationEntity;
import dev.baton.workflows.model.OperationStatus;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The API's reads of operations and their event logs, as projections. */
public interface OperationReadRepository extends Repository<OperationEntity, String> {
  String ROW =
      """
      select new dev.baton.service.operations.OperationRow(o.id, o.app, o.kind, o.revision,
               o.status, o.workflowId, o.runId, o.requestedBy, o.reason, o.error, o.createdAt,
               o.startedAt, o.finishedAt)
        from OperationEntity o""";

  @Query(ROW + " where o.id = :id")
  Optional<OperationRow> row(String id);

  /** Newest first, of one app and/or in one status when given. */
  @Query(
      ROW
          + " where (:app is null or o.app = :app) and (:status is null or o.status = :status)"
          + " order by o.createdAt desc")
  List<OperationRow> newest(@Nullable String app, @Nullable OperationStatus status, Limit limit);

  @Query("select o.status from OperationEntity o where o.id = :id")
  Optional<OperationStatus> status(String id);

  @Query(
      """
      select new dev.baton.service.operations.EventView(e.seq, e.type, e.service, e.message,
               e.actor, e.createdAt)
        from EventEntity e where e.operationId = :operationId and e.seq > :after
       order by e.seq""")
  List<EventView> events(String operationId, long after);
}

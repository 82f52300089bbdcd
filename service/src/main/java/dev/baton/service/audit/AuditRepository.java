package dev.baton.service.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** The audit table: appended by {@link AuditLog}, listed newest first. */
public interface AuditRepository extends Repository<AuditEntity, Long> {

  /** Appends {@code e}; its id and time are the database's. */
  @Modifying
  @Transactional
  @NativeQuery(
      """
      INSERT INTO audit (request_id, token_name, method, action, target, source, outcome)
      VALUES (:#{#e.requestId()}, :#{#e.tokenName()}, :#{#e.method()}, :#{#e.action()},
              :#{#e.target()}, :#{#e.source()}, :#{#e.outcome()})
      """)
  void append(@Param("e") AuditEntry e);

  @Query(
      """
      select new dev.baton.service.audit.AuditEntry(a.id, a.requestId, a.tokenName, a.method,
               a.action, a.target, a.source, a.outcome, a.createdAt)
        from AuditEntity a where (:target is null or a.target = :target) order by a.id desc""")
  List<AuditEntry> newest(@Nullable String target, Limit limit);
}

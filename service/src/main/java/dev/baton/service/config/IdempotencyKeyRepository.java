package dev.baton.service.config;

import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** idempotency_keys: read a stored answer, or store the first one. */
@Transactional // saveFirst is @Modifying
public interface IdempotencyKeyRepository
    extends Repository<IdempotencyKeyEntity, IdempotencyKeyEntity.Id> {

  @Query(
      """
      select new dev.baton.service.config.IdempotencyStore$Stored(
               k.requestHash, k.operationId, k.status, k.contentType, k.location, k.body)
        from IdempotencyKeyEntity k
       where k.caller = :caller and k.path = :path and k.idempotencyKey = :key""")
  Optional<IdempotencyStore.Stored> find(String caller, String path, String key);

  @Modifying
  @NativeQuery(
      """
      INSERT INTO idempotency_keys
        (caller, path, key, request_hash, operation_id, status, content_type, location, body)
      VALUES (:caller, :path, :key, :requestHash, :operationId, :status, :contentType,
              :location, :body)
      ON CONFLICT (caller, path, key) DO NOTHING""")
  int saveFirst(
      String caller,
      String path,
      String key,
      String requestHash,
      String operationId,
      int status,
      String contentType,
      String location,
      String body);
}

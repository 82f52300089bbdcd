package dev.baton.activities.state;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code hosts} table. Writes (through {@link HostRegistry}) are guarded so that a write that
 * changes nothing touches no row and no {@code updated_at}: the host check repeats them every few
 * seconds.
 */
@Transactional // the @Modifying queries need one; a caller's transaction is joined
public interface HostRepository extends JpaRepository<HostEntity, String> {

  List<HostEntity> findByStatusOrderByName(HostStatus status);

  List<HostEntity> findByStatusNotOrderByName(HostStatus status);

  @Modifying
  @NativeQuery(
      """
      INSERT INTO hosts AS h (name, endpoint, address, labels, status)
      VALUES (:name, :endpoint, COALESCE(CAST(:address AS text), :local), CAST(:labels AS jsonb),
              :initial)
      ON CONFLICT (name) DO UPDATE
         SET endpoint = EXCLUDED.endpoint,
             address = COALESCE(CAST(:address AS text), h.address),
             labels = EXCLUDED.labels,
             status = CASE WHEN h.status = 'UNREACHABLE' THEN 'READY' ELSE h.status END,
             updated_at = now()
       WHERE (h.endpoint, h.address, h.labels, h.status = 'UNREACHABLE')
             IS DISTINCT FROM (EXCLUDED.endpoint, COALESCE(CAST(:address AS text), h.address),
                               EXCLUDED.labels, false)
      """)
  int register(
      String name,
      String endpoint,
      @Nullable String address,
      String local,
      String labels,
      String initial);

  @Modifying
  @NativeQuery(
      """
      UPDATE hosts
         SET cpus = :cpus, memory_bytes = :memoryBytes, api_version = :apiVersion,
             updated_at = now()
       WHERE name = :name
         AND (cpus, memory_bytes, api_version)
             IS DISTINCT FROM (:cpus, :memoryBytes, CAST(:apiVersion AS text))
      """)
  int updateCapacity(String name, int cpus, long memoryBytes, String apiVersion);

  @Modifying
  @NativeQuery(
      """
      UPDATE hosts SET status = :status, updated_at = now()
       WHERE name = :name AND status <> :status
      """)
  int setStatus(String name, String status);

  @Modifying
  @NativeQuery(
      """
      UPDATE hosts SET status_message = :message, updated_at = now()
       WHERE name = :name AND status_message IS DISTINCT FROM CAST(:message AS text)
      """)
  int setMessage(String name, String message);
}

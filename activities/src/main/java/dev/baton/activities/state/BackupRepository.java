package dev.baton.activities.state;

import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code backups}: written by the backup workflow's activities, keyed by the backup's id. */
@Transactional
public interface BackupRepository extends Repository<BackupEntity, String> {

  /** Inserts or updates the row; a COMPLETE row stays as it is (a late retry changes nothing). */
  @Modifying
  @NativeQuery(
      """
      INSERT INTO backups (id, app, volume, host, path, size_bytes, sha256, status, operation_id,
                           completed_at)
      VALUES (:id, :app, :volume, :host, :path, :size, :sha256, :status, :operationId,
              CASE WHEN :status = 'COMPLETE' THEN now() END)
      ON CONFLICT (id) DO UPDATE SET
        host = excluded.host, size_bytes = excluded.size_bytes, sha256 = excluded.sha256,
        status = excluded.status, completed_at = excluded.completed_at
      WHERE backups.status <> 'COMPLETE'
      """)
  int upsert(
      String id,
      String app,
      String volume,
      String host,
      String path,
      Long size,
      String sha256,
      String status,
      String operationId);

  @Transactional(readOnly = true)
  Optional<BackupEntity> findById(String id);
}

package dev.baton.service.backups;

import dev.baton.activities.state.BackupEntity;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The API's reads of {@code backups}. */
public interface BackupReadRepository extends Repository<BackupEntity, String> {
  String VIEW =
      """
      select new dev.baton.service.backups.BackupView(b.id, b.app, b.volume, b.status, b.host,
             b.path, b.sizeBytes, b.sha256, b.operationId, b.createdAt, b.completedAt)
        from BackupEntity b""";

  /** Newest first. */
  @Query(VIEW + " where b.app = :app and b.volume = :volume order by b.createdAt desc, b.id desc")
  List<BackupView> ofVolume(String app, String volume);

  @Query(VIEW + " where b.id = :id")
  Optional<BackupView> byId(String id);
}

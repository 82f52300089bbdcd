package dev.baton.service.volumes;

import dev.baton.activities.state.VolumeEntity;
import dev.baton.activities.state.VolumeId;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The API's reads of where named volumes live. */
public interface VolumeReadRepository extends Repository<VolumeEntity, VolumeId> {
  String ROW =
      """
      select new dev.baton.service.volumes.VolumeRow(v.app, v.volume, v.host, v.name, v.createdAt)
        from VolumeEntity v""";

  @Query(ROW + " where v.app = :app order by v.volume")
  List<VolumeRow> ofApp(String app);

  @Query(ROW + " where v.host = :host order by v.app, v.volume")
  List<VolumeRow> onHost(String host);
}

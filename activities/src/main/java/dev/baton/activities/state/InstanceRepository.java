package dev.baton.activities.state;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads of {@code instances}. */
public interface InstanceRepository extends JpaRepository<InstanceEntity, InstanceId> {

  List<InstanceEntity> findByAppOrderByServiceAscSlotAscRevisionAsc(String app);

  List<InstanceEntity> findByHost(String host);

  Optional<InstanceEntity> findByContainerName(String containerName);
}

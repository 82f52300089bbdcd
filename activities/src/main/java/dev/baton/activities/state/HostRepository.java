package dev.baton.activities.state;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads of {@code hosts}; writes go through {@link HostRegistry}. */
public interface HostRepository extends JpaRepository<HostEntity, String> {

  List<HostEntity> findByStatusOrderByName(HostStatus status);

  List<HostEntity> findByStatusNotOrderByName(HostStatus status);
}

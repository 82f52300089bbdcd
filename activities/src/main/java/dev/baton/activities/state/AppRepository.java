package dev.baton.activities.state;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads of {@code apps}. */
public interface AppRepository extends JpaRepository<AppEntity, String> {

  List<AppEntity> findAllByOrderByName();
}

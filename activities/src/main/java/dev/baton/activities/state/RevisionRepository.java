package dev.baton.activities.state;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads of {@code revisions}. */
public interface RevisionRepository extends JpaRepository<RevisionEntity, RevisionId> {

  List<RevisionEntity> findByAppOrderByNumberDesc(String app);

  Optional<RevisionEntity> findByAppAndNumber(String app, int number);

  Optional<RevisionEntity> findTopByAppOrderByNumberDesc(String app);
}

package dev.baton.activities.state;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/** {@code api_tokens}: look a bearer token up by its hash. */
@Transactional // the @Modifying queries need one; a caller\'s transaction is joined
public interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, Long> {

  Optional<ApiTokenEntity> findByName(String name);

  /** The live (not revoked) token with this SHA-256 hex, see {@link ApiTokenEntity#hash}. */
  Optional<ApiTokenEntity> findByTokenHashAndRevokedAtIsNull(String tokenHash);

  @Modifying
  @Query("update ApiTokenEntity t set t.lastUsedAt = :at where t.id = :id")
  int touch(long id, Instant at);
}

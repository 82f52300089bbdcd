package dev.baton.service.tokens;

import dev.baton.activities.state.ApiTokenEntity;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The API's list of tokens, as a projection that leaves the hash out. */
public interface TokenReadRepository extends Repository<ApiTokenEntity, Long> {

  @Query(
      """
      select new dev.baton.service.tokens.TokenView(t.id, t.name, t.role, t.createdAt,
               t.lastUsedAt, t.revokedAt)
        from ApiTokenEntity t order by t.id""")
  List<TokenView> views();
}

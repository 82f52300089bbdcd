package dev.baton.activities.state;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code balancers}: the writes of {@link JpaBalancerStates}. */
@Transactional
public interface BalancerRepository extends Repository<BalancerEntity, BalancerId> {

  @Modifying
  @NativeQuery(
      """
      INSERT INTO balancers (host, app, service, container_id, state, servers, listens, detail,
                             updated_at)
      VALUES (:host, :app, :service, :containerId, :state, :servers, :listens, :detail, now())
      ON CONFLICT (host, app, service) DO UPDATE
         SET container_id = excluded.container_id, state = excluded.state,
             servers = excluded.servers, listens = excluded.listens, detail = excluded.detail,
             updated_at = excluded.updated_at
      """)
  int save(
      String host,
      String app,
      String service,
      String containerId,
      String state,
      int servers,
      String listens,
      String detail);

  @Modifying
  @NativeQuery("DELETE FROM balancers WHERE app = :app")
  int deleteByApp(String app);
}

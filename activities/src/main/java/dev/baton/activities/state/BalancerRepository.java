package dev.baton.activities.state;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code balancers}: what {@link JpaBalancerStates} writes and checks. */
@Transactional
public interface BalancerRepository extends Repository<BalancerEntity, BalancerId> {

  @Modifying
  @NativeQuery(
      """
      INSERT INTO balancers (host, app, service, container_id, state, servers, listens, detail,
                             config_sha256, updated_at)
      VALUES (:host, :app, :service, :containerId, :state, :servers, :listens, :detail,
              :configSha256, now())
      ON CONFLICT (host, app, service) DO UPDATE
         SET container_id = excluded.container_id, state = excluded.state,
             servers = excluded.servers, listens = excluded.listens, detail = excluded.detail,
             config_sha256 = excluded.config_sha256, updated_at = excluded.updated_at
      """)
  int save(
      String host,
      String app,
      String service,
      String containerId,
      String state,
      int servers,
      String listens,
      String detail,
      String configSha256);

  @Modifying
  @NativeQuery(
      """
      UPDATE balancers SET config_sha256 = NULL
       WHERE host = :host AND app = :app AND service = :service
      """)
  int forgetConfig(String host, String app, String service);

  @NativeQuery(
      """
      SELECT count(*) FROM balancers
       WHERE host = :host AND app = :app AND service = :service
         AND container_id = :containerId AND config_sha256 = :configSha256
      """)
  long countGiven(String host, String app, String service, String containerId, String configSha256);

  @Modifying
  @NativeQuery("DELETE FROM balancers WHERE app = :app")
  int deleteByApp(String app);
}

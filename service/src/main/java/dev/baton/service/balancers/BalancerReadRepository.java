package dev.baton.service.balancers;

import dev.baton.activities.state.BalancerEntity;
import dev.baton.activities.state.BalancerId;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The API's reads of what Baton last saw of the balancers. */
public interface BalancerReadRepository extends Repository<BalancerEntity, BalancerId> {
  String VIEW =
      """
      select new dev.baton.service.balancers.BalancerView(b.host, b.app, b.service, b.state,
               b.servers, b.listens, b.detail, b.updatedAt)
        from BalancerEntity b
      """;

  @Query(VIEW + " where b.app = :app order by b.service, b.host")
  List<BalancerView> ofApp(String app);

  @Query(VIEW + " order by b.host, b.app, b.service")
  List<BalancerView> all();

  @Query(VIEW + " where b.host = :host order by b.app, b.service")
  List<BalancerView> onHost(String host);
}

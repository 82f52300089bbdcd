package dev.baton.service.hosts;

import dev.baton.activities.state.HostEntity;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The API's reads of hosts and the instances on them, as projections. */
public interface HostReadRepository extends Repository<HostEntity, String> {
  String ROW =
      """
      select new dev.baton.service.hosts.HostRow(h.name, h.endpoint, h.address, h.labels,
               h.cpus, h.memoryBytes, h.status, h.apiVersion, h.statusMessage)
        from HostEntity h""";

  @Query(ROW + " order by h.name")
  List<HostRow> rows();

  @Query(ROW + " where h.name = :name")
  Optional<HostRow> row(String name);

  @Query(
      """
      select new dev.baton.service.hosts.HostInstance(i.app, i.service, i.revision, i.slot,
               i.containerName, i.containerId, i.state, i.health, i.address)
        from InstanceEntity i where i.host = :host order by i.app, i.service, i.slot""")
  List<HostInstance> instancesOn(String host);
}

package dev.baton.activities.state;

import dev.baton.activities.HostDirectory;
import dev.baton.workflows.model.Host;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link HostDirectory} over the {@code hosts} table. */
@Component
@Transactional(readOnly = true)
public class JpaHostDirectory implements HostDirectory {

  private final HostRepository hosts;

  public JpaHostDirectory(HostRepository hosts) {
    this.hosts = hosts;
  }

  @Override
  public Optional<Host> find(String name) {
    return hosts.findById(name).map(HostEntity::toHost);
  }

  @Override
  public boolean reachable(String name) {
    return hosts
        .findById(name)
        .map(h -> h.getStatus() != HostStatus.UNREACHABLE && h.getStatus() != HostStatus.REMOVED)
        .orElse(false);
  }

  @Override
  public List<Host> all() {
    return hosts.findByStatusNotOrderByName(HostStatus.REMOVED).stream()
        .map(HostEntity::toHost)
        .toList();
  }
}

package dev.baton.activities;

import dev.baton.workflows.model.Host;
import java.util.List;
import java.util.Optional;

/** Where adapters look up the Docker hosts Baton knows, by name. */
public interface HostDirectory {

  Optional<Host> find(String name);

  /**
   * Every known host that has not been removed, whatever its status: removed hosts are neither
   * listed nor watched (their engine may be gone for good).
   */
  List<Host> all();

  /**
   * False once the host check has given the host up (UNREACHABLE) or it was removed: a call that
   * cannot reach it then stops retrying.
   */
  default boolean reachable(String name) {
    return true;
  }
}

package dev.baton.activities;

import dev.baton.workflows.model.Host;
import java.util.List;
import java.util.Optional;

/** Where adapters look up the Docker hosts Baton knows, by name. */
public interface HostDirectory {

  Optional<Host> find(String name);

  /** Every known host, whatever its status. */
  List<Host> all();
}

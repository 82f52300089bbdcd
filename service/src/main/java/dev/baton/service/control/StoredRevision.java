package dev.baton.service.control;

import dev.baton.activities.state.StateJson;
import dev.baton.workflows.model.Revision;

/** A revision row as stored; {@link #revision()} reads its spec. */
public record StoredRevision(int number, String spec, String digest, String yaml) {

  Revision revision() {
    return new Revision(number, StateJson.readSpec(spec), digest, yaml);
  }
}

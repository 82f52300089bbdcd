package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Optional;

/** Finding a container by its exact name, running or not. */
final class ContainerByName {
  private ContainerByName() {}

  /** Docker's name filter is a regex on any part of the name: keep only the exact "/name". */
  static Optional<Container> find(DockerClient docker, String name) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withNameFilter(List.of(name))
        .exec()
        .stream()
        .filter(c -> c.getNames() != null && List.of(c.getNames()).contains("/" + name))
        .findFirst();
  }
}

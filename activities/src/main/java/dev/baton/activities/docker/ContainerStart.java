package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import java.util.TreeSet;

/**
 * Starting a container, safe to retry: one already running (304, an earlier attempt) is fine. The
 * start is optimistic: the engine's 404 for a network (the app's first container on this host)
 * makes the container's networks and starts again; any other 404 is a container that is gone.
 */
final class ContainerStart {
  private ContainerStart() {}

  static void start(DockerClient docker, String hostName, String containerId) {
    for (boolean networkMade = false; ; networkMade = true) {
      try {
        docker.startContainerCmd(containerId).exec();
        return;
      } catch (NotModifiedException alreadyRunning) {
        return;
      } catch (NotFoundException e) {
        if (!AppNetworks.missing(e)) {
          throw ApplicationFailure.newNonRetryableFailureWithCause(
              "container " + containerId + " is missing on " + hostName, "ContainerMissing", e);
        }
        if (networkMade) {
          throw e;
        }
        ensureNetworks(docker, containerId);
      }
    }
  }

  private static void ensureNetworks(DockerClient docker, String containerId) {
    InspectContainerResponse c = docker.inspectContainerCmd(containerId).exec();
    String app = c.getConfig().getLabels().get(BatonLabels.APP);
    Set<String> names = new TreeSet<>(c.getNetworkSettings().getNetworks().keySet());
    names.add(c.getHostConfig().getNetworkMode());
    names.forEach(name -> AppNetworks.ensure(docker, app, name));
  }
}

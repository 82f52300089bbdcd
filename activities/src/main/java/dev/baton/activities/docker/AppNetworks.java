package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import dev.baton.workflows.model.NetworkAttachment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each app's own bridge networks on every host it uses: its default one, {@code baton-<app>}, and
 * one per Compose network it declares, {@code baton-<app>_<network>} ('_' is in no app name, so no
 * two apps' names meet). A container is on its service's networks and no other, so it reaches the
 * services that share one of them and nothing of other apps (Docker isolates bridge networks from
 * each other); what crosses hosts goes through what a host publishes on its address.
 */
final class AppNetworks {
  private static final Logger log = LoggerFactory.getLogger(AppNetworks.class);

  private static final Map<String, Object> CREATING = new ConcurrentHashMap<>();

  private AppNetworks() {}

  static String name(String app) {
    return "baton-" + app;
  }

  static String name(String app, String network) {
    return NetworkAttachment.DEFAULT.equals(network) ? name(app) : name(app) + "_" + network;
  }

  /** Whether a start or connect failed because a network is missing (not the container). */
  static boolean missing(NotFoundException e) {
    String message = e.getMessage();
    return message != null && message.contains("network");
  }

  /**
   * Creates one of the app's networks on this engine; one made meanwhile (409) is fine. Creates of
   * one network run one at a time in this process: API 1.41's CheckDuplicate is best effort, and
   * two concurrent creates (an instance's first start and the service's balancer on a new host)
   * made two networks of one name, which every later start then refused as ambiguous.
   */
  static void ensure(DockerClient docker, String app, String dockerName) {
    synchronized (CREATING.computeIfAbsent(dockerName, k -> new Object())) {
      try {
        docker
            .createNetworkCmd()
            .withName(dockerName)
            .withDriver("bridge")
            // API 1.41 makes a second network of the same name unless told not to.
            .withCheckDuplicate(true)
            .withLabels(Map.of(BatonLabels.APP, app))
            .exec();
      } catch (ConflictException alreadyThere) {
        // A concurrent create (another slot on this host) made it.
      }
    }
  }

  /**
   * Puts a container created on the first of {@code networks} (the create takes one) on the others,
   * before it starts, answering there to {@code aliases}.
   */
  static void connectRest(
      DockerClient docker,
      String app,
      String containerId,
      List<NetworkAttachment> networks,
      Function<NetworkAttachment, List<String>> aliases) {
    for (NetworkAttachment n : networks.subList(1, networks.size())) {
      connect(docker, app, containerId, n.network(), aliases.apply(n));
    }
  }

  /**
   * Puts a created container on one more of the app's networks (before it starts: the create takes
   * one network only), making the network if it is missing; already on it is fine.
   */
  private static void connect(
      DockerClient docker, String app, String containerId, String network, List<String> aliases) {
    String dockerName = name(app, network);
    for (boolean made = false; ; made = true) {
      try {
        docker
            .connectToNetworkCmd()
            .withNetworkId(dockerName)
            .withContainerId(containerId)
            .withContainerNetwork(new ContainerNetwork().withAliases(aliases))
            .exec();
        return;
      } catch (NotFoundException e) {
        if (made || !missing(e)) {
          throw e;
        }
        ensure(docker, app, dockerName);
      } catch (DockerException e) {
        if (String.valueOf(e.getMessage()).contains("already exists")) {
          return; // an earlier attempt connected it
        }
        throw e;
      }
    }
  }

  /**
   * Removes the app's networks from this engine. One still in use (a container left behind) stays,
   * and is reused if the app is deployed again.
   */
  static void removeAll(DockerClient docker, String app) {
    List<Network> networks =
        docker.listNetworksCmd().withFilter("label", List.of(BatonLabels.APP + "=" + app)).exec();
    for (Network n : networks) {
      try {
        docker.removeNetworkCmd(n.getId()).exec();
      } catch (NotFoundException alreadyGone) {
        // Nothing to do.
      } catch (DockerException inUse) {
        log.warn("network {} stays: {}", n.getName(), inUse.getMessage());
      }
    }
  }
}

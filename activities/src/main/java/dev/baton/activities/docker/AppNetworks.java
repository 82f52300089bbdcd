package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each app's own bridge network on every host it uses. Its containers are on it and on no other, so
 * they reach each other and no other app's containers (Docker isolates bridge networks from each
 * other); what crosses hosts goes through what a host publishes on its address.
 */
final class AppNetworks {
  private static final Logger log = LoggerFactory.getLogger(AppNetworks.class);

  private static final Map<String, Object> CREATING = new ConcurrentHashMap<>();

  private AppNetworks() {}

  static String name(String app) {
    return "baton-" + app;
  }

  /** Whether a start failed because the container's network is missing (not the container). */
  static boolean missing(NotFoundException e) {
    String message = e.getMessage();
    return message != null && message.contains("network");
  }

  /**
   * Creates the app's network on this engine; one made meanwhile (409) is fine. Creates of one
   * app's network run one at a time in this process: API 1.41's CheckDuplicate is best effort, and
   * two concurrent creates (an instance's first start and the service's balancer on a new host)
   * made two networks of one name, which every later start then refused as ambiguous.
   */
  static void ensure(DockerClient docker, String app) {
    synchronized (CREATING.computeIfAbsent(app, k -> new Object())) {
      create(docker, app);
    }
  }

  private static void create(DockerClient docker, String app) {
    try {
      docker
          .createNetworkCmd()
          .withName(name(app))
          .withDriver("bridge")
          // API 1.41 makes a second network of the same name unless told not to.
          .withCheckDuplicate(true)
          .withLabels(Map.of(BatonLabels.APP, app))
          .exec();
    } catch (ConflictException alreadyThere) {
      // A concurrent create (another slot on this host) made it.
    }
  }

  /**
   * Removes the app's network from this engine; one already gone is fine. One still in use (a
   * container left behind) stays, and is reused if the app is deployed again.
   */
  static void remove(DockerClient docker, String app) {
    try {
      docker.removeNetworkCmd(name(app)).exec();
    } catch (NotFoundException alreadyGone) {
      // Nothing to do.
    } catch (DockerException inUse) {
      log.warn("network {} stays: {}", name(app), inUse.getMessage());
    }
  }
}

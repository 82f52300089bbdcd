package dev.baton.workflows.ports;

import dev.baton.workflows.model.Instance;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * What the workflows ask of Docker engines. Every method is idempotent: containers have
 * deterministic names ({@link Instance#containerName}) and Baton's labels, so a retried call finds
 * what an earlier attempt made instead of making it again.
 */
@ActivityInterface
public interface DockerActivities {
  /**
   * The failure type of a call on a host that the host check has marked unreachable: final, the
   * engine is lost until the host check sees it again.
   */
  String HOST_UNREACHABLE = "HostUnreachable";

  /** Makes sure {@code image} is present on {@code host}, pulling it if not. Heartbeats. */
  void pull(String host, String image);

  /** Creates the instance's container, or returns the one an earlier attempt created. */
  Instance create(CreateRequest request);

  /** Starts the container (a no-op when running) and returns it with its published address. */
  Instance start(String host, String containerId);

  /**
   * {@link #create} then {@link #start} in one activity: one task-queue round trip per new instance
   * instead of two. Idempotent like both. Adapters may do it in fewer Engine calls.
   */
  default Instance createAndStart(CreateRequest request) {
    Instance created = create(request);
    return start(created.host(), created.containerId());
  }

  /** The container as its host sees it now. */
  Instance inspect(String host, String containerId);

  /**
   * Waits for the instance to pass its health gate. Fails fast when the container exits or
   * restarts. Heartbeats with the latest reason, so a stuck rollout says why.
   */
  HealthResult awaitHealthy(HealthWait wait);

  /** Stops the container within its grace period; a missing container is already stopped. */
  void stop(String host, String containerId, long graceMillis);

  /** Removes the container; a missing container is already removed. */
  void remove(String host, String containerId);

  /** Every container with the app's labels, on every host. */
  List<Instance> list(String app);

  /** Removes the app's network from every host that answers (the app is deleted). */
  void removeNetworks(String app);

  /**
   * Removes the named volumes Baton made for the app from every host that answers (the app is
   * deleted with its volumes); external volumes are never touched.
   */
  void removeVolumes(String app);

  /**
   * Copies the named volume's contents from one host to another through the archive endpoints of
   * two created, never started, throwaway containers; makes the volume on the target first (same
   * name and labels). Answers the bytes streamed. Heartbeats; a retry copies again over the same
   * files, and the source is never written.
   */
  long copyVolume(VolumeCopy copy);
}

package dev.baton.workflows.instance;

import dev.baton.workflows.model.Instance;

/**
 * What the mover of an instance (a rollout, or self-healing) says at each step of the {@link
 * InstanceLifecycle}: a rollout writes its progress and operation events, self-healing its app
 * events. {@link #inService} and {@link #outOfService} are where the load balancer hooks in: an
 * instance takes traffic only after its health gate, and stops taking it before it is stopped.
 */
public interface InstanceEvents {

  /** No host can take the slot. */
  void unplaceable(String service, int revision, int slot, String reason);

  /** A host is reserved for the instance; it is about to be created. */
  default void creating(Instance reserved) {}

  /** The container runs; its health gate starts. */
  default void started(Instance instance) {}

  /** Passed its health gate: it may take traffic from now on. */
  void inService(Instance instance);

  /** Failed its health gate. */
  void failed(Instance instance, String reason);

  /** About to be stopped: it takes no new traffic from now on. */
  default void outOfService(Instance instance) {}

  /** Stopped and removed. */
  default void removed(Instance instance) {}

  /**
   * Its host stopped answering; {@code replacing}: the slot is being placed on another host,
   * otherwise the container is left for self-healing to remove when the host returns.
   */
  void lost(Instance instance, boolean replacing);
}

package dev.baton.activities;

import java.util.function.Supplier;

/**
 * Locks shared by every Baton replica: what one replica reads and then changes (a balancer from the
 * serving book) must not interleave with another replica's change of the same thing.
 */
public interface ClusterLocks {

  /** Runs {@code work} while holding the lock {@code name}, waiting for it as long as it takes. */
  <T> T holding(String name, Supplier<T> work);
}

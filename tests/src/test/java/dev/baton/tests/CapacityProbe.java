package dev.baton.tests;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches an app while it rolls: every 100 ms it asks every instance on every host for /health
 * through its published port and keeps the lowest number that answered. Bounded: it stops when
 * closed or after {@code maxSeconds}.
 */
final class CapacityProbe implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger minimum = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicInteger rounds = new AtomicInteger();
  private final Thread thread;

  CapacityProbe(Engines engines, String app, int maxSeconds) {
    long until = System.currentTimeMillis() + maxSeconds * 1000L;
    thread =
        new Thread(
            () -> {
              while (running.get() && System.currentTimeMillis() < until) {
                int healthy = 0;
                for (Engines.Placed p : engines.containers(app)) {
                  if (p.running()
                      && p.address() != null
                      && "ok".equals(Http.get(p.address(), "/health"))) {
                    healthy++;
                  }
                }
                minimum.accumulateAndGet(healthy, Math::min);
                rounds.incrementAndGet();
                BatonApi.sleep(100);
              }
            },
            "capacity-probe");
    thread.setDaemon(true);
    thread.start();
  }

  int minimum() {
    return minimum.get();
  }

  int rounds() {
    return rounds.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(5_000);
  }
}

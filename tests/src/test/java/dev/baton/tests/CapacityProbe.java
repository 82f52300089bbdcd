package dev.baton.tests;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Watches an app while it rolls: every 100 ms it asks every running instance for /health through
 * its published port and keeps the lowest number that answered. An instance counts as healthy when
 * one of {@code tries} requests answers (on a loaded machine one request may time out, while a
 * stopped instance fails them all). Bounded: it stops when closed or after {@code maxSeconds}.
 */
final class CapacityProbe implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger minimum = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicInteger rounds = new AtomicInteger();
  private final Thread thread;

  CapacityProbe(Engines engines, String app, int maxSeconds) {
    this(() -> engines.containers(app), maxSeconds, 1);
  }

  CapacityProbe(Supplier<List<Engines.Placed>> instances, int maxSeconds, int tries) {
    long until = System.currentTimeMillis() + maxSeconds * 1000L;
    thread =
        new Thread(
            () -> {
              while (running.get() && System.currentTimeMillis() < until) {
                int healthy = 0;
                for (Engines.Placed p : instances.get()) {
                  if (p.running() && p.address() != null && answers(p.address(), tries)) {
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

  private static boolean answers(String address, int tries) {
    for (int i = 0; i < tries; i++) {
      if ("ok".equals(Http.get(address, "/health"))) {
        return true;
      }
    }
    return false;
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
    thread.join(10_000);
  }
}

package dev.baton.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A steady HTTP load (one request at a time, over the given addresses in turn) that records every
 * request that did not get a 200. It stops by itself after {@code maxTime} or 20 000 requests.
 */
final class SteadyLoad implements AutoCloseable {
  private static final int MAX_REQUESTS = 20_000;

  /** What the load saw: answered requests, latencies and every failure. */
  record Result(int ok, List<String> failures, double p50Millis, double p99Millis) {
    @Override
    public String toString() {
      return "%d answered, %d lost, p50 %.1f ms, p99 %.1f ms"
          .formatted(ok, failures.size(), p50Millis, p99Millis);
    }
  }

  private final List<String> addresses;
  private final String path;
  private final long endNanos;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> latencies = new ArrayList<>();
  private final Thread thread;
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private SteadyLoad(List<String> addresses, String path, Duration maxTime) {
    this.addresses = addresses;
    this.path = path;
    this.endNanos = System.nanoTime() + maxTime.toNanos();
    this.thread = new Thread(this::run, "steady-load");
  }

  static SteadyLoad start(List<String> addresses, String path, Duration maxTime) {
    SteadyLoad load = new SteadyLoad(addresses, path, maxTime);
    load.thread.start();
    return load;
  }

  private void run() {
    for (int i = 0; i < MAX_REQUESTS && !stop.get() && System.nanoTime() < endNanos; i++) {
      String address = addresses.get(i % addresses.size());
      long start = System.nanoTime();
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create("http://" + address + path))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          failures.add(address + ": HTTP " + r.statusCode());
        } else {
          synchronized (latencies) {
            latencies.add(System.nanoTime() - start);
          }
        }
      } catch (Exception e) {
        failures.add(address + ": " + e);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  Result stop() throws InterruptedException {
    stop.set(true);
    thread.join(10_000);
    List<Long> sorted;
    synchronized (latencies) {
      sorted = latencies.stream().sorted().toList();
    }
    return new Result(
        sorted.size(), List.copyOf(failures), percentile(sorted, 50), percentile(sorted, 99));
  }

  private static double percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1e6;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}

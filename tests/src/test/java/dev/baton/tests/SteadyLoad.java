package dev.baton.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady HTTP load at a fixed rate (requests go out on schedule whether or not the earlier ones
 * answered, over the given addresses in turn) that records every request that did not get a 200:
 * another status, a refused or reset connection, a timeout. The test web server closes every
 * connection after its answer, so each request is a new connection through the balancer. It stops
 * by itself after {@code maxTime} or 40 000 requests.
 */
final class SteadyLoad implements AutoCloseable {
  private static final int MAX_REQUESTS = 40_000;

  /** What the load saw: requests sent, answered and lost (the first few), latencies. */
  record Result(
      int sent,
      int ok,
      int lost,
      List<String> firstLost,
      double p50Millis,
      double p99Millis,
      double rate,
      String loadAverage) {
    @Override
    public String toString() {
      return "%d sent at %.0f/s, %d answered, %d lost, p50 %.1f ms, p99 %.1f ms, load %s"
          .formatted(sent, rate, ok, lost, p50Millis, p99Millis, loadAverage);
    }
  }

  private final List<String> addresses;
  private final String path;
  private final long startNanos = System.nanoTime();
  private final long endNanos;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger lost = new AtomicInteger();
  private final List<String> firstLost = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> latencies = new ArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private SteadyLoad(List<String> addresses, String path, Duration maxTime) {
    this.addresses = addresses;
    this.path = path;
    this.endNanos = startNanos + maxTime.toNanos();
  }

  /** Starts {@code perSecond} requests a second. */
  static SteadyLoad start(List<String> addresses, String path, int perSecond, Duration maxTime) {
    SteadyLoad load = new SteadyLoad(addresses, path, maxTime);
    load.ticker.scheduleAtFixedRate(
        load::send, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
    return load;
  }

  private void send() {
    int i = sent.get();
    if (i >= MAX_REQUESTS || System.nanoTime() > endNanos) {
      ticker.shutdown();
      return;
    }
    sent.incrementAndGet();
    String address = addresses.get(i % addresses.size());
    long start = System.nanoTime();
    inFlight.incrementAndGet();
    client
        .sendAsync(
            HttpRequest.newBuilder(URI.create("http://" + address + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (r, e) -> {
              if (e != null || r.statusCode() != 200) {
                if (lost.incrementAndGet() <= 20) {
                  firstLost.add(address + ": " + (e != null ? e : "HTTP " + r.statusCode()));
                }
              } else {
                synchronized (latencies) {
                  latencies.add(System.nanoTime() - start);
                }
              }
              inFlight.decrementAndGet();
            });
  }

  /** Stops sending and waits (at most 10 s) for the requests still out. */
  Result stop() throws InterruptedException {
    ticker.shutdown();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    for (int i = 0; i < 100 && inFlight.get() > 0; i++) {
      Thread.sleep(100);
    }
    List<Long> sorted;
    synchronized (latencies) {
      sorted = latencies.stream().sorted().toList();
    }
    return new Result(
        sent.get(),
        sorted.size(),
        lost.get(),
        List.copyOf(firstLost),
        percentile(sorted, 50),
        percentile(sorted, 99),
        sent.get() / seconds,
        loadAverage());
  }

  /** The machine's 1, 5 and 15 minute load averages: a loss at load 30 reads differently. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
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

package dev.baton.workflows.instance;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.HostUsage;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.testing.Specs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code scripts/bench placement}: the time of one {@link Scheduler#place} decision on a large
 * fleet, not a test. For each fleet size, 500 apps of 10 instances each (5,000) are spread over the
 * hosts; every third app is held to one zone by a constraint and reserves CPU, so each decision
 * checks constraints and reservations on every host. It times 5,000 decisions, each of one app's
 * next slot with the other apps' use of each host, after 2,000 unmeasured ones (the JIT), and
 * prints one JSON line per size: p50, p99 and max in milliseconds.
 */
public final class PlacementBenchmark {
  private static final int APPS = 500;
  private static final int PER_APP = 10;
  private static final int DECISIONS = 5_000;
  private static final int WARM_UP = 2_000;

  private PlacementBenchmark() {}

  public static void main(String[] args) {
    int[] sizes =
        args.length == 0
            ? new int[] {500, 1000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    for (int hosts : sizes) {
      System.out.println(measure(hosts));
    }
  }

  private static String measure(int hostCount) {
    Random random = new Random(42);
    List<Host> hosts = new ArrayList<>();
    for (int h = 0; h < hostCount; h++) {
      hosts.add(
          new Host(
              "host" + h,
              "tcp://10.0." + h / 250 + "." + h % 250 + ":2376",
              "10.0." + h / 250 + "." + h % 250,
              Map.of("zone", "z" + h % 3),
              8,
              32L << 30));
    }
    List<ServiceSpec> services = new ArrayList<>();
    Map<Integer, List<Instance>> instances = new HashMap<>();
    Map<String, HostUsage> usage = new HashMap<>();
    for (int a = 0; a < APPS; a++) {
      Specs.ServiceBuilder web = Specs.service("web", "registry/app" + a + ":v1");
      if (a % 3 == 0) {
        web.constraints("node.labels.zone==z0").reserveCpus(0.25);
      }
      ServiceSpec spec = web.replicas(PER_APP).build();
      services.add(spec);
      List<Instance> mine = new ArrayList<>();
      for (int slot = 1; slot <= PER_APP; slot++) {
        String host = hosts.get(random.nextInt(hostCount)).name();
        mine.add(
            new Instance(
                "app" + a,
                "web",
                1,
                slot,
                host,
                "id",
                "app" + a + "-web-r1-" + slot,
                "running",
                "healthy",
                null));
        usage.merge(
            host,
            new HostUsage(1, spec.resources().cpusReservation(), 0),
            (x, y) -> new HostUsage(x.instances() + 1, x.cpus() + y.cpus(), 0));
      }
      instances.put(a, mine);
    }
    long[] nanos = new long[DECISIONS];
    for (int i = 0; i < WARM_UP + DECISIONS; i++) {
      int a = random.nextInt(APPS);
      ServiceSpec spec = services.get(a);
      Scheduler.Context context =
          new Scheduler.Context(new AppSpec("app" + a, List.of(spec), 600_000), usage);
      int slot = 1 + random.nextInt(PER_APP);
      long start = System.nanoTime();
      Scheduler.Choice choice = Scheduler.place(hosts, spec, slot, instances.get(a), null, context);
      long took = System.nanoTime() - start;
      if (choice.host() == null) {
        throw new IllegalStateException("no host for app" + a + ": " + choice.reason());
      }
      if (i >= WARM_UP) {
        nanos[i - WARM_UP] = took;
      }
    }
    Arrays.sort(nanos);
    return "{\"hosts\": %d, \"instances\": %d, \"apps\": %d, \"decisions\": %d, \"p50_ms\": %.3f,"
            .formatted(hostCount, APPS * PER_APP, APPS, DECISIONS, nanos[DECISIONS / 2] / 1e6)
        + " \"p99_ms\": %.3f, \"max_ms\": %.3f}"
            .formatted(nanos[DECISIONS * 99 / 100] / 1e6, nanos[DECISIONS - 1] / 1e6);
  }
}

package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.TopContainerResponse;
import java.util.HashSet;
import java.util.Set;

/**
 * The worker processes of a balancer's master-worker HAProxy, as {@code docker top} shows them: a
 * reload (SIGUSR2 to the master) counts once a new worker runs, and the old workers' connections
 * are finished once they are gone.
 */
final class HaproxyWorkers {

  private static final long POLL_MILLIS = 100;

  private HaproxyWorkers() {}

  /** The pids of the haproxy processes whose parent is a haproxy process. */
  static Set<String> of(DockerClient docker, String id) {
    TopContainerResponse top = docker.topContainerCmd(id).withPsArgs("-o pid,ppid,args").exec();
    Set<String> haproxy = new HashSet<>();
    String[][] rows = top.getProcesses() == null ? new String[0][] : top.getProcesses();
    for (String[] row : rows) {
      if (row.length >= 3 && row[2].contains("haproxy")) {
        haproxy.add(row[0]);
      }
    }
    Set<String> workers = new HashSet<>();
    for (String[] row : rows) {
      if (row.length >= 3 && haproxy.contains(row[0]) && haproxy.contains(row[1])) {
        workers.add(row[0]);
      }
    }
    return workers;
  }

  /**
   * Reloads the configuration and waits (at most {@code waitMillis}) for a new worker: the workers
   * that ran before, whose connections the caller may wait for.
   */
  static Set<String> reload(DockerClient docker, String id, long waitMillis) {
    // A master still starting has no signal handler yet: SIGUSR2 then would be lost.
    Set<String> before = awaitRunning(docker, id, waitMillis);
    docker.killContainerCmd(id).withSignal("SIGUSR2").exec();
    long deadline = System.currentTimeMillis() + waitMillis;
    while (System.currentTimeMillis() < deadline) {
      Set<String> now = of(docker, id);
      now.removeAll(before);
      if (!now.isEmpty()) {
        return before;
      }
      sleep();
    }
    throw new IllegalStateException("balancer " + id + " did not reload in " + waitMillis + " ms");
  }

  /** Waits (at most {@code waitMillis}) until a worker runs: the workers. */
  static Set<String> awaitRunning(DockerClient docker, String id, long waitMillis) {
    long deadline = System.currentTimeMillis() + waitMillis;
    while (true) {
      Set<String> workers = of(docker, id);
      if (!workers.isEmpty() || System.currentTimeMillis() >= deadline) {
        return workers;
      }
      sleep();
    }
  }

  /** Waits until none of {@code old} runs, at most {@code waitMillis}: whether they are gone. */
  static boolean awaitGone(DockerClient docker, String id, Set<String> old, long waitMillis) {
    long deadline = System.currentTimeMillis() + waitMillis;
    while (true) {
      Set<String> still = of(docker, id);
      still.retainAll(old);
      if (still.isEmpty()) {
        return true;
      }
      if (System.currentTimeMillis() >= deadline) {
        return false;
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

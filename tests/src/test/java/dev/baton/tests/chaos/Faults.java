package dev.baton.tests.chaos;

import dev.baton.tests.Cli;
import dev.baton.tests.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The faults, done to the real processes of the stack by pid, and the way back up. */
public final class Faults {
  private final Stack stack;
  private final Path dir;

  public Faults(Stack stack) {
    this.stack = stack;
    this.dir = Path.of(stack.get("BATON_STACK_DIR"));
  }

  public void killBaton() {
    signal("baton.pid", "-9");
  }

  /** Temporal dev server: a clean stop; its state is in its SQLite file. */
  void stopTemporal() {
    signal("temporal.pid", "-TERM");
  }

  /** PostgreSQL: fast shutdown (SIGINT to the postmaster). */
  void stopPostgres() {
    signal("postgres.pid", "-INT");
  }

  /**
   * A Docker engine crashes: {@code kill -9} of its dockerd (hostN's pid file is hN/docker.pid). On
   * Engine 20.10 its containerd dies with it, the containers' shims and processes keep running
   * while the API is gone, and the restarted dockerd (no live-restore) kills them at startup.
   */
  public void killEngine(String host) {
    String pidFile = "h" + host.replaceAll("\\D", "") + "/docker.pid";
    List<ProcessHandle> children = children(pidFile);
    String pid = read(pidFile);
    signal(pidFile, "-9");
    // Until it is reaped too: scripts/stack (kill -0) takes a zombie for a live dockerd.
    for (int i = 0; i < 300 && Files.exists(Path.of("/proc", pid)); i++) {
      sleep(100);
    }
    // Its containerd dies a moment later: a dockerd started before that finds the old
    // containerd's pid alive, waits for it on a socket that is going away, and gives up.
    for (ProcessHandle child : children) {
      for (int i = 0; i < 300 && child.isAlive(); i++) {
        sleep(100);
      }
    }
  }

  private String read(String pidFile) {
    try {
      return Files.readString(dir.resolve(pidFile)).trim();
    } catch (Exception e) {
      throw new AssertionError("cannot read " + pidFile + ": " + e, e);
    }
  }

  private List<ProcessHandle> children(String pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(dir.resolve(pidFile)).trim());
      return ProcessHandle.of(pid).map(p -> p.children().toList()).orElse(List.of());
    } catch (Exception e) {
      throw new AssertionError("cannot read the children of " + pidFile + ": " + e, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts whatever is not running again, and waits until Baton is healthy. */
  public void recover() {
    Cli.Result up =
        Cli.run(
            List.of(
                "env",
                "BATON_STACK_NO_DEMO=1",
                "bash",
                stack.repo().resolve("scripts/stack").toString(),
                "up"),
            300);
    if (up.exit() != 0) {
      throw new AssertionError("scripts/stack up failed:\n" + up.output());
    }
  }

  private void signal(String pidFile, String signal) {
    try {
      String pid = Files.readString(dir.resolve(pidFile)).trim();
      Cli.Result kill = Cli.run(List.of("kill", signal, pid), 10);
      if (kill.exit() != 0) {
        throw new AssertionError("kill " + signal + " " + pid + ": " + kill.output());
      }
      // Wait (bounded) until it is gone, so "up" sees it down.
      for (int i = 0; i < 300 && Files.exists(Path.of("/proc", pid)) && !zombie(pid); i++) {
        Thread.sleep(100);
      }
    } catch (Exception e) {
      throw new AssertionError("cannot signal " + pidFile + ": " + e, e);
    }
  }

  private static boolean zombie(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (Exception gone) {
      return true;
    }
  }
}

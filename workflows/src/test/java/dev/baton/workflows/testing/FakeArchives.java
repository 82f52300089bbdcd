package dev.baton.workflows.testing;

import dev.baton.workflows.ports.BackupFile;
import dev.baton.workflows.ports.VolumeArchives;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory backup store and volumes of one text each (by host and volume name), over a {@link
 * FakeEngine}: each call is recorded with the state its container was in at that moment, so a test
 * sees that a backup read a stopped container and a restore filled one never started.
 */
public final class FakeArchives implements VolumeArchives {

  /** One call: {@code containerState} as the engine had it when the call came. */
  public record Call(String op, String host, String container, String containerState) {}

  private final FakeEngine engine;
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, String> files = new HashMap<>();
  private final Map<String, String> volumes = new HashMap<>();
  private int archiveFailures;
  private String commandFailure;

  public FakeArchives(FakeEngine engine) {
    this.engine = engine;
  }

  // ---- scripting ----

  /** What the volume {@code name} on {@code host} holds. */
  public synchronized void volume(String host, String name, String contents) {
    volumes.put(host + "/" + name, contents);
  }

  public synchronized String volume(String host, String name) {
    return volumes.get(host + "/" + name);
  }

  /** The next {@code n} archive attempts die mid-stream (a worker killed, a broken connection). */
  public synchronized void failArchives(int n) {
    archiveFailures = n;
  }

  /** The backup command exits non-zero with {@code output}. */
  public synchronized void commandFails(String output) {
    commandFailure = output;
  }

  /** Flips the stored file's contents, as a bad disk would. */
  public synchronized void corrupt(String file) {
    files.put(file, files.get(file) + "!");
  }

  public synchronized Map<String, String> files() {
    return Map.copyOf(files);
  }

  public synchronized List<Call> calls(String op) {
    return calls.stream().filter(c -> c.op().equals(op)).toList();
  }

  // ---- VolumeArchives ----

  @Override
  public synchronized void runBackupCommand(String host, String containerId, List<String> command) {
    record("command", host, containerId);
    if (commandFailure != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "backup command " + command + " exited 1: " + commandFailure, COMMAND_FAILED);
    }
  }

  @Override
  public synchronized BackupFile archiveVolume(
      String host, String containerId, String path, String file) {
    Call call = record("archive", host, containerId);
    if (archiveFailures > 0) {
      archiveFailures--;
      throw new IllegalStateException("connection reset mid-stream");
    }
    // The only volume the fake's container can mount: the one its host holds.
    String contents =
        volumes.entrySet().stream()
            .filter(e -> e.getKey().startsWith(host + "/"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse("");
    files.putIfAbsent(file, contents + " @" + call.containerState());
    String stored = files.get(file);
    return new BackupFile(file, stored.length(), sha256(stored));
  }

  @Override
  public synchronized String verifyBackup(String file, String sha256) {
    record("verify", null, null);
    String stored = files.get(file);
    if (stored == null) {
      return "its file " + file + " is missing";
    }
    String actual = sha256(stored);
    return actual.equals(sha256) ? null : "checksum does not match: " + actual + " != " + sha256;
  }

  @Override
  public synchronized void extractBackup(
      String host, String containerId, String path, String file) {
    record("extract", host, containerId);
    volumes.replaceAll(
        (k, v) -> k.startsWith(host + "/") ? files.get(file).replaceAll(" @.*$", "") : v);
  }

  @Override
  public synchronized void removeVolume(String host, String name) {
    record("removeVolume", host, null);
    volumes.put(host + "/" + name, ""); // made anew, empty, by the next create
  }

  private Call record(String op, String host, String containerId) {
    FakeEngine.Container c =
        containerId == null
            ? null
            : engine.containers().stream()
                .filter(x -> x.id().equals(containerId))
                .findFirst()
                .orElse(null);
    Call call = new Call(op, host, c == null ? containerId : c.name, c == null ? null : c.state);
    calls.add(call);
    return call;
  }

  static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

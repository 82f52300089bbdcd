package dev.baton.activities.docker;

import io.temporal.activity.ActivityExecutionContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Heartbeats of a long copy, at most once a second, with what it has done so far: Temporal learns
 * within its heartbeat timeout that a worker died mid-copy, and the UI shows the progress.
 */
public final class Heartbeats implements Runnable {
  private static final long EVERY_NANOS = 1_000_000_000L;
  private final ActivityExecutionContext activity;
  private final String what;
  private long last = System.nanoTime();
  private long bytes;

  public Heartbeats(ActivityExecutionContext activity, String what) {
    this.activity = activity;
    this.what = what;
  }

  /** Counts {@code n} more bytes, heartbeating when a second has passed. */
  public void add(long n) {
    bytes += n;
    run();
  }

  /** The bytes counted so far. */
  public long bytes() {
    return bytes;
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    if (now - last >= EVERY_NANOS) {
      last = now;
      activity.heartbeat(what + ": " + (bytes >> 20) + " MiB");
    }
  }

  /** {@code in}, heartbeating as it is read. */
  public InputStream counting(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        add(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        add(Math.max(n, 0));
        return n;
      }
    };
  }
}

package dev.baton.workflows.heal;

import dev.baton.workflows.model.RestartPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per slot: when self-healing may try again. The first repair is immediate; each repair that
 * follows soon after the previous one waits twice as long (restart_policy.delay, doubled, at most
 * {@link #MAX_BACKOFF_MILLIS}), so a crash loop backs off instead of thrashing; max_attempts within
 * window ends the tries. A slot found running {@link #DOCKER_FORGIVE_MILLIS} after its last repair
 * is forgiven.
 */
final class CrashLoop {
  static final long MAX_BACKOFF_MILLIS = 5 * 60_000L;
  static final long STABLE_MILLIS = 60_000L;

  /**
   * Docker's own rule: a container that runs for 10 s resets its restart backoff. Without it, a
   * slot whose host keeps failing (its engine restarts and kills it) looks like a crash loop.
   */
  static final long DOCKER_FORGIVE_MILLIS = 10_000L;

  enum Verdict {
    TRY,
    WAIT,
    GIVE_UP
  }

  private static final class Slot {
    final List<Long> attempts = new ArrayList<>();
    int streak;
    boolean announced;
  }

  private final Map<String, Slot> slots = new HashMap<>();

  Verdict decide(String slot, RestartPolicy policy, long now) {
    Slot s = slots.get(slot);
    if (s == null || s.attempts.isEmpty()) {
      return Verdict.TRY;
    }
    if (policy.maxAttempts() > 0) {
      long since = policy.windowMillis() > 0 ? now - policy.windowMillis() : Long.MIN_VALUE;
      long recent = s.attempts.stream().filter(t -> t >= since).count();
      if (recent >= policy.maxAttempts()) {
        return Verdict.GIVE_UP;
      }
    }
    return now - last(s) >= backoff(policy, s.streak) ? Verdict.TRY : Verdict.WAIT;
  }

  /** Milliseconds until the slot may be tried again. */
  long waitMillis(String slot, RestartPolicy policy, long now) {
    Slot s = slots.get(slot);
    return s == null ? 0 : Math.max(0, last(s) + backoff(policy, s.streak) - now);
  }

  void attempted(String slot, long now) {
    Slot s = slots.computeIfAbsent(slot, k -> new Slot());
    if (!s.attempts.isEmpty() && now - last(s) < STABLE_MILLIS) {
      s.streak++;
    }
    s.attempts.add(now);
    s.announced = false;
    if (s.attempts.size() > 100) {
      s.attempts.remove(0);
    }
  }

  /** True the first time a wait or give-up is reported since the last attempt (one event each). */
  boolean announce(String slot) {
    Slot s = slots.get(slot);
    if (s == null || s.announced) {
      return false;
    }
    s.announced = true;
    return true;
  }

  void running(String slot, long now) {
    Slot s = slots.get(slot);
    if (s != null && now - last(s) >= DOCKER_FORGIVE_MILLIS) {
      slots.remove(slot);
    }
  }

  private static long last(Slot s) {
    return s.attempts.get(s.attempts.size() - 1);
  }

  private static long backoff(RestartPolicy policy, int streak) {
    long base = Math.max(1_000, policy.delayMillis());
    return Math.min(MAX_BACKOFF_MILLIS, base << Math.min(streak, 16));
  }
}

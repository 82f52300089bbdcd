package dev.baton.workflows.backup;

import dev.baton.workflows.ports.BackupCatalog;
import dev.baton.workflows.ports.VolumeArchives;
import dev.baton.workflows.support.Ports;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/** The stubs a backup or restore calls, and how a failed call is told. */
final class BackupSteps {
  /** A volume's archive streams for as long as it takes; its heartbeats show it is alive. */
  static final Duration ARCHIVE_BUDGET = Duration.ofHours(6);

  final BackupCatalog catalog = Ports.local(BackupCatalog.class);

  /**
   * How long a stream may go without a heartbeat before its attempt is given up and retried: long
   * enough that a busy machine (the SDK's heartbeat calls slowed down) does not restart a 200 MB
   * stream over and over, short enough that a killed Baton's stream resumes within it.
   */
  static final Duration ARCHIVE_HEARTBEAT = Duration.ofSeconds(20);

  final VolumeArchives archives =
      Ports.heartbeating(VolumeArchives.class, ARCHIVE_BUDGET, ARCHIVE_HEARTBEAT);

  /** The message of what failed in an activity, without Temporal's wrapping. */
  static String why(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure af) {
      return af.getOriginalMessage();
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }
}

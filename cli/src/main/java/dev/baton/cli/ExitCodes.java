package dev.baton.cli;

import java.util.Set;

/** What the CLI's exit code means, so a CI step can branch on it. */
final class ExitCodes {
  static final int OK = 0;

  /** The operation ended FAILED, ROLLED_BACK or ABORTED. Never 0 after a rollback. */
  static final int FAILED = 1;

  /** Bad usage, a bad or missing token, or an error answer from the API. */
  static final int ERROR = 2;

  /** {@code --wait} gave up after {@code --timeout}; the operation goes on. */
  static final int TIMEOUT = 3;

  private static final Set<String> BAD_ENDS = Set.of("FAILED", "ROLLED_BACK", "ABORTED");

  private ExitCodes() {}

  static int forStatus(String status) {
    return BAD_ENDS.contains(status) ? FAILED : OK;
  }
}

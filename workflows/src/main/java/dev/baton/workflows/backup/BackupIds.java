package dev.baton.workflows.backup;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A new backup's id, decided in workflow code so every retry writes the same file: its UTC time, to
 * the second, and 6 random hex digits ({@code 20250301-142233-5f0a9c}); names sort by age.
 */
public final class BackupIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** What an id looks like (the API refuses anything else before a look-up). */
  public static final String PATTERN = "[0-9]{8}-[0-9]{6}-[0-9a-f]{6}";

  private BackupIds() {}

  public static String next() {
    String stamp = STAMP.format(Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    return stamp + "-" + Workflow.randomUUID().toString().substring(0, 6);
  }
}

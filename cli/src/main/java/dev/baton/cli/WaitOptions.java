package dev.baton.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} and {@code --timeout}, shared by every command that starts an operation. */
final class WaitOptions {
  @Option(
      names = "--wait",
      description = "print progress until the operation ends; exit 0 SUCCEEDED, 1 otherwise")
  boolean wait;

  @Option(
      names = "--timeout",
      defaultValue = "15m",
      converter = Durations.class,
      description = "give up waiting after this long (exit 3); default ${DEFAULT-VALUE}")
  Duration timeout;
}

package dev.baton.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command line (the Temporal CLI, the stack script) and returns what it printed. */
public final class Cli {
  private Cli() {}

  public record Result(int exit, String output) {}

  public static Result run(List<String> command, long timeoutSeconds) {
    try {
      Process process =
          new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static Result temporal(Stack stack, String... args) {
    List<String> command = new ArrayList<>(List.of("temporal"));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", stack.temporalAddress(), "--namespace", "default"));
    return run(command, 60);
  }
}

package dev.baton.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command line (the Temporal CLI, the stack script) and returns what it printed. */
public final class Cli {
  private Cli() {}

  public record Result(int exit, String output) {}

  public static Result run(List<String> command, long timeoutSeconds) {
    return run(command, Map.of(), timeoutSeconds);
  }

  /** Runs {@code command} with {@code env} added to this environment; output read as it comes. */
  public static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      // Read while it runs: a process whose output outgrows the pipe would wait for us forever.
      CompletableFuture<byte[]> output =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return process.getInputStream().readAllBytes();
                } catch (IOException e) {
                  return new byte[0];
                }
              });
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
      }
      return new Result(process.exitValue(), new String(output.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The CLI ({@code bin/baton}) against the stack as its admin, with {@code env} besides. */
  public static Result baton(Stack stack, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(stack.repo().resolve("bin/baton").toString()));
    command.addAll(List.of(args));
    Map<String, String> all = new HashMap<>(env);
    all.put("BATON_URL", stack.batonUrl());
    all.put("BATON_TOKEN", stack.adminToken());
    all.put("REGISTRY", stack.registry());
    return run(command, all, 300);
  }

  public static Result temporal(Stack stack, String... args) {
    List<String> command = new ArrayList<>(List.of("temporal"));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", stack.temporalAddress(), "--namespace", "default"));
    return run(command, 60);
  }
}

package dev.baton.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real stack the tests run against, read from the env file {@code scripts/stack up} writes
 * (BATON_STACK_ENV) or from the environment. A missing stack is a failure, never a skip.
 */
public final class Stack {
  private static Stack instance;
  private final Map<String, String> values;

  private Stack(Map<String, String> values) {
    this.values = values;
  }

  public static synchronized Stack get() {
    if (instance == null) {
      instance = new Stack(load());
    }
    return instance;
  }

  private static Map<String, String> load() {
    Map<String, String> values = new HashMap<>(System.getenv());
    String file = System.getenv("BATON_STACK_ENV");
    if (file != null) {
      try {
        for (String line : Files.readAllLines(Path.of(file))) {
          int eq = line.indexOf('=');
          if (eq > 0 && !line.startsWith("#")) {
            values.put(line.substring(0, eq).trim(), unquote(line.substring(eq + 1).trim()));
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read stack env file " + file, e);
      }
    }
    for (String key :
        List.of(
            "BATON_URL",
            "BATON_ADMIN_TOKEN",
            "DOCKER_HOSTS",
            "DOCKER_HOST_ADDRESSES",
            "REGISTRY")) {
      if (values.get(key) == null || values.get(key).isBlank()) {
        throw new IllegalStateException(
            key
                + " is not set: these tests need the real stack (run scripts/test, or"
                + " scripts/stack up and export BATON_STACK_ENV=.stack/env)");
      }
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("'") && value.endsWith("'")
            || value.startsWith("\"") && value.endsWith("\""))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  public String get(String key) {
    return values.get(key);
  }

  public String batonUrl() {
    return values.get("BATON_URL");
  }

  public String adminToken() {
    return values.get("BATON_ADMIN_TOKEN");
  }

  public String registry() {
    return values.get("REGISTRY");
  }

  public List<String> dockerHosts() {
    return Arrays.stream(values.get("DOCKER_HOSTS").split(",")).map(String::trim).toList();
  }

  /** Each host's LAN address, in the order of {@link #dockerHosts()}. */
  public List<String> hostAddresses() {
    return Arrays.stream(values.get("DOCKER_HOST_ADDRESSES").split(",")).map(String::trim).toList();
  }

  public String temporalAddress() {
    return values.get("TEMPORAL_ADDRESS");
  }

  public String image(String name, String tag) {
    return registry() + "/baton-demo/" + name + ":" + tag;
  }

  /** {@code kill -9} of the stack's Baton; returns when the process is gone. */
  public void killBaton() throws IOException, InterruptedException {
    long pid = Long.parseLong(Files.readString(Path.of(values.get("BATON_PID_FILE"))).trim());
    Cli.Result kill = Cli.run(List.of("kill", "-9", Long.toString(pid)), 10);
    if (kill.exit() != 0) {
      throw new IllegalStateException("kill -9 " + pid + ": " + kill.output());
    }
  }

  /** {@code scripts/stack restart-baton}: returns once Baton answers again. */
  public Cli.Result restartBaton() {
    return Cli.run(
        List.of("bash", repo().resolve("scripts/stack").toString(), "restart-baton"), 180);
  }

  public Path repo() {
    String repo = values.get("BATON_REPO");
    return repo == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(repo);
  }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code baton apps} and {@code baton hosts}: one line per row. */
final class ListCommands {
  private ListCommands() {}

  @Command(name = "apps", description = "List apps and their current revision.")
  static final class Apps implements Callable<Integer> {
    @Mixin Connection connection;

    @Override
    public Integer call() {
      System.out.printf("%-30s %s%n", "APP", "REVISION");
      for (JsonNode app : connection.client().get("/api/v1/apps", Duration.ofSeconds(30))) {
        System.out.printf(
            "%-30s %s%n", app.path("name").asText(), app.path("currentRevision").asText("-"));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "hosts", description = "List Docker hosts and their status.")
  static final class Hosts implements Callable<Integer> {
    @Mixin Connection connection;

    @Override
    public Integer call() {
      System.out.printf("%-20s %-12s %-16s %s%n", "HOST", "STATUS", "ADDRESS", "ENDPOINT");
      for (JsonNode host : connection.client().get("/api/v1/hosts", Duration.ofSeconds(30))) {
        System.out.printf(
            "%-20s %-12s %-16s %s%n",
            host.path("name").asText(),
            host.path("status").asText(),
            host.path("address").asText(),
            host.path("endpoint").asText());
      }
      return ExitCodes.OK;
    }
  }
}

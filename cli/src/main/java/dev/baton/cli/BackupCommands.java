package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton backup}, {@code baton backups} and {@code baton restore} of a named volume. */
final class BackupCommands {
  private BackupCommands() {}

  private static String volumePath(String app, String volume) {
    return "/api/v1/apps/" + ApiClient.encode(app) + "/volumes/" + ApiClient.encode(volume);
  }

  /** {@code baton backup APP VOLUME}: POST /apps/{app}/volumes/{volume}/backup. */
  @Command(name = "backup", description = "Back up a named volume of an app.")
  static final class Backup implements Callable<Integer> {
    @Mixin Connection connection;
    @Mixin WaitOptions wait;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1", paramLabel = "VOLUME")
    String volume;

    @Option(names = "--reason")
    String reason;

    @Override
    public Integer call() throws Exception {
      ApiClient api = connection.client();
      ObjectNode body = ApiClient.JSON.createObjectNode();
      if (reason != null) {
        body.put("reason", reason);
      }
      JsonNode op = api.postJson(volumePath(app, volume) + "/backup", body);
      // The workflow id is backup:<app>:<backup id>.
      String workflowId = op.path("workflowId").asText();
      System.out.println("backup " + workflowId.substring(workflowId.lastIndexOf(':') + 1));
      return Submitted.handle(api, op, wait, System.out);
    }
  }

  /** {@code baton restore APP VOLUME BACKUP_ID}: POST /apps/{app}/volumes/{volume}/restore. */
  @Command(
      name = "restore",
      description = "Replace a named volume's contents with a backup's (admin).")
  static final class Restore implements Callable<Integer> {
    @Mixin Connection connection;
    @Mixin WaitOptions wait;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1", paramLabel = "VOLUME")
    String volume;

    @Parameters(index = "2", paramLabel = "BACKUP_ID")
    String backup;

    @Option(names = "--reason")
    String reason;

    @Override
    public Integer call() throws Exception {
      ApiClient api = connection.client();
      ObjectNode body = ApiClient.JSON.createObjectNode().put("backup", backup);
      if (reason != null) {
        body.put("reason", reason);
      }
      JsonNode op = api.postJson(volumePath(app, volume) + "/restore", body);
      return Submitted.handle(api, op, wait, System.out);
    }
  }

  /** {@code baton backups APP VOLUME}: one line per backup, newest first. */
  @Command(name = "backups", description = "List the backups of a named volume, newest first.")
  static final class ListBackups implements Callable<Integer> {
    @Mixin Connection connection;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1", paramLabel = "VOLUME")
    String volume;

    @Override
    public Integer call() {
      String line = "%-24s %-9s %-12s %-22s %s%n";
      System.out.printf(line, "BACKUP", "STATUS", "SIZE", "CREATED", "SHA256");
      for (JsonNode b :
          connection.client().get(volumePath(app, volume) + "/backups", Duration.ofSeconds(30))) {
        System.out.printf(
            line,
            b.path("id").asText(),
            b.path("status").asText(),
            b.path("sizeBytes").isNumber() ? b.path("sizeBytes").asText() : "-",
            b.path("createdAt").asText().replaceAll("\\.\\d+", ""),
            b.path("sha256").asText("-"));
      }
      return ExitCodes.OK;
    }
  }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code baton status OP [--wait]}: an operation's status; exit 1 if it failed. */
@Command(name = "status", description = "Show an operation; with --wait, follow it to the end.")
final class StatusCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Mixin WaitOptions wait;

  @Parameters(index = "0", paramLabel = "OP")
  String id;

  @Override
  public Integer call() {
    ApiClient api = connection.client();
    JsonNode op = api.get("/api/v1/operations/" + ApiClient.encode(id), Duration.ofSeconds(30));
    System.out.println(
        "operation "
            + id
            + ": "
            + op.path("kind").asText()
            + " "
            + op.path("app").asText()
            + " r"
            + op.path("revision").asText()
            + " "
            + op.path("status").asText()
            + (op.path("error").isTextual() ? ": " + op.path("error").asText() : ""));
    if (wait.wait) {
      return new OperationFollower(api, System.out).follow(id, wait.timeout);
    }
    return ExitCodes.forStatus(op.path("status").asText());
  }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton events OP [--follow]}: the event log, or the live stream until the end. */
@Command(name = "events", description = "Print an operation's events; --follow streams them live.")
final class EventsCommand implements Callable<Integer> {
  @Mixin Connection connection;

  @Parameters(index = "0", paramLabel = "OP")
  String id;

  @Option(
      names = {"--follow", "-F"},
      description = "stream new events until the operation ends")
  boolean follow;

  @Option(
      names = "--timeout",
      defaultValue = "15m",
      converter = Durations.class,
      description = "stop following after this long (exit 3)")
  Duration timeout;

  @Override
  public Integer call() {
    ApiClient api = connection.client();
    if (follow) {
      return new OperationFollower(api, System.out).follow(id, timeout);
    }
    for (JsonNode event :
        api.get("/api/v1/operations/" + ApiClient.encode(id) + "/events", Duration.ofSeconds(30))) {
      System.out.println(
          event.path("seq").asText()
              + " "
              + event.path("at").asText()
              + " "
              + event.path("type").asText()
              + ": "
              + event.path("message").asText(""));
    }
    return ExitCodes.OK;
  }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton scale APP web=5 [worker=2]}: POST /apps/{app}/scale. */
@Command(name = "scale", description = "Change the replica count of services.")
final class ScaleCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Mixin WaitOptions wait;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "SERVICE=N")
  Map<String, Integer> replicas;

  @Option(names = "--reason")
  String reason;

  @Override
  public Integer call() throws Exception {
    ApiClient api = connection.client();
    ObjectNode body = ApiClient.JSON.createObjectNode();
    ObjectNode counts = body.putObject("replicas");
    replicas.forEach(counts::put);
    if (reason != null) {
      body.put("reason", reason);
    }
    var op = api.postJson("/api/v1/apps/" + ApiClient.encode(app) + "/scale", body);
    return Submitted.handle(api, op, wait, System.out);
  }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton deploy APP -f compose.yml | --image web=REF...}. */
@Command(name = "deploy", description = "Deploy a Compose file, or new images of the current one.")
final class DeployCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Mixin WaitOptions wait;
  @Mixin ComposeOptions compose;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @ArgGroup(multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = {"-f", "--file"},
        description = "the Compose file")
    Path file;

    @Option(names = "--image", paramLabel = "SERVICE=REF", description = "a service's new image")
    Map<String, String> images;
  }

  @Option(names = "--reason", description = "why (kept with the revision)")
  String reason;

  @Option(
      names = "--idempotency-key",
      description = "retrying with the same key never deploys twice (default: a new key)")
  String idempotencyKey;

  @Override
  public Integer call() throws Exception {
    ApiClient api = connection.client();
    String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    String path = "/api/v1/apps/" + ApiClient.encode(app) + "/deployments";
    String body = source.file != null ? composeBody() : imagesBody();
    var op = api.post(path, "application/json", body, key);
    return Submitted.handle(api, op, wait, System.out);
  }

  private String composeBody() throws Exception {
    ObjectNode body = compose.body(source.file, System.getenv());
    if (reason != null) {
      body.put("reason", reason);
    }
    return ApiClient.JSON.writeValueAsString(body);
  }

  private String imagesBody() throws Exception {
    ObjectNode body = ApiClient.JSON.createObjectNode();
    ObjectNode images = body.putObject("images");
    source.images.forEach(images::put);
    if (reason != null) {
      body.put("reason", reason);
    }
    return ApiClient.JSON.writeValueAsString(body);
  }
}

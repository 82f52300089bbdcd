package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton rollback APP [--to N] [--revision-replicas]}: POST /apps/{app}/rollback. The app
 * keeps its current replica counts unless {@code --revision-replicas}.
 */
@Command(name = "rollback", description = "Return to an earlier revision (default: the previous).")
final class RollbackCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Mixin WaitOptions wait;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(names = "--to", paramLabel = "REVISION")
  Integer toRevision;

  @Option(names = "--reason")
  String reason;

  @Option(
      names = "--revision-replicas",
      description = "Run the revision's replica counts instead of the current ones.")
  boolean revisionReplicas;

  @Override
  public Integer call() throws Exception {
    ApiClient api = connection.client();
    ObjectNode body = ApiClient.JSON.createObjectNode();
    if (toRevision != null) {
      body.put("toRevision", toRevision);
    }
    if (reason != null) {
      body.put("reason", reason);
    }
    if (revisionReplicas) {
      body.put("replicas", "revision");
    }
    var op = api.postJson("/api/v1/apps/" + ApiClient.encode(app) + "/rollback", body);
    return Submitted.handle(api, op, wait, System.out);
  }
}

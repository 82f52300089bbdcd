package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** After a command started an operation: show it, and follow it when asked to. */
final class Submitted {
  private Submitted() {}

  static int handle(ApiClient api, JsonNode op, WaitOptions wait, PrintStream out) {
    Output.accepted(out, op);
    if (!wait.wait) {
      return ExitCodes.OK;
    }
    return new OperationFollower(api, out).follow(op.path("id").asText(), wait.timeout);
  }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** How an accepted operation is shown. */
final class Output {
  private Output() {}

  static void accepted(PrintStream out, JsonNode op) {
    out.println(
        "operation "
            + op.path("id").asText()
            + " ("
            + op.path("app").asText()
            + (op.has("revision") ? " r" + op.path("revision").asText() : "")
            + "): "
            + op.path("status").asText());
    JsonNode ui = op.path("links").path("temporalUi");
    if (!ui.isMissingNode()) {
      out.println("  temporal: " + ui.asText());
    }
  }
}

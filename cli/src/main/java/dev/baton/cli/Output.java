package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** How an accepted operation is shown. */
final class Output {
  private Output() {}

  /** What the Compose file was accepted with but not as written, each at its line. */
  static void warnings(PrintStream out, JsonNode warnings) {
    for (JsonNode w : warnings) {
      out.println(
          "  warning: "
              + (w.hasNonNull("line") ? "line " + w.get("line").asText() + ": " : "")
              + w.path("message").asText());
    }
  }

  static void accepted(PrintStream out, JsonNode op) {
    out.println(
        "operation "
            + op.path("id").asText()
            + " ("
            + op.path("app").asText()
            + (op.has("revision") ? " r" + op.path("revision").asText() : "")
            + "): "
            + op.path("status").asText());
    warnings(out, op.path("warnings"));
    JsonNode ui = op.path("links").path("temporalUi");
    if (!ui.isMissingNode()) {
      out.println("  temporal: " + ui.asText());
    }
  }
}

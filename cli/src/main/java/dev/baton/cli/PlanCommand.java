package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton plan APP -f compose.yml}: what a deploy of the file would do, changing nothing. Exit
 * 0 when the deploy would be accepted, 2 when refused (every error printed at its line).
 */
@Command(
    name = "plan",
    description = "Show what deploying a Compose file would do, without doing it.")
final class PlanCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Mixin ComposeOptions compose;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(
      names = {"-f", "--file"},
      required = true,
      description = "the Compose file")
  Path file;

  @Override
  public Integer call() throws Exception {
    ApiClient api = connection.client();
    JsonNode plan =
        api.postJson(
            "/api/v1/apps/" + ApiClient.encode(app) + "/plan", compose.body(file, System.getenv()));
    print(plan, System.out);
    return ExitCodes.OK;
  }

  static void print(JsonNode plan, PrintStream out) {
    String from =
        plan.hasNonNull("currentRevision") ? "r" + plan.get("currentRevision").asText() : "nothing";
    out.println(
        "plan for "
            + plan.path("app").asText()
            + ": "
            + from
            + " -> r"
            + plan.path("revision").asText()
            + (plan.path("unchanged").asBoolean()
                ? " (same spec: every instance is replaced)"
                : ""));
    out.println("changes:");
    for (JsonNode c : plan.path("changes")) {
      String sign =
          switch (c.path("change").asText()) {
            case "added" -> "+";
            case "removed" -> "-";
            case "changed" -> "~";
            default -> "=";
          };
      List<String> fields = new ArrayList<>();
      for (JsonNode f : c.path("fields")) {
        fields.add(
            f.path("field").asText()
                + ": "
                + f.path("before").asText("-")
                + " -> "
                + f.path("after").asText("-"));
      }
      out.println("  " + sign + " " + c.path("service").asText() + " " + c.path("change").asText());
      fields.forEach(f -> out.println("      " + f));
    }
    out.println("rollout, in this order:");
    for (JsonNode s : plan.path("services")) {
      JsonNode u = s.path("update");
      out.println(
          "  "
              + s.path("service").asText()
              + ": "
              + s.path("replicas").asText()
              + (s.path("global").asBoolean() ? " (global, one per eligible host)" : "")
              + " replicas; "
              + u.path("order").asText().toLowerCase().replace('_', '-')
              + ", "
              + u.path("parallelism").asText()
              + " at a time, on failure "
              + u.path("failureAction").asText().toLowerCase());
      for (JsonNode slot : s.path("slots")) {
        String action = slot.path("action").asText();
        String where =
            switch (action) {
              case "add" -> "on " + slot.path("toHost").asText("?");
              case "remove" -> "from " + slot.path("fromHost").asText();
              default -> slot.path("fromHost").asText() + " -> " + slot.path("toHost").asText("?");
            };
        out.println(
            "    slot "
                + slot.path("slot").asText()
                + " "
                + action
                + " "
                + where
                + (slot.hasNonNull("problem") ? "  NO HOST: " + slot.get("problem").asText() : ""));
      }
    }
    for (JsonNode s : plan.path("shortfalls")) {
      out.println("short: " + s.asText());
    }
    Output.warnings(out, plan.path("warnings"));
    out.println("digest " + plan.path("digest").asText());
  }
}

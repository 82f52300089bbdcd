package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Waits for an operation's outcome, printing each event as it happens: the SSE stream of its
 * events, and when the stream breaks (Baton restarting) long-polls until the status is terminal.
 * Returns the exit code: the outcome's, or {@link ExitCodes#TIMEOUT}.
 */
final class OperationFollower {
  private static final Set<String> TERMINAL =
      Set.of("SUCCEEDED", "FAILED", "ROLLED_BACK", "ABORTED");
  private final ApiClient api;
  private final PrintStream out;

  OperationFollower(ApiClient api, PrintStream out) {
    this.api = api;
    this.out = out;
  }

  int follow(String id, Duration timeout) {
    CompletableFuture<JsonNode> outcome = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                outcome.complete(watch(id));
              } catch (Throwable e) {
                outcome.completeExceptionally(e);
              }
            },
            "baton-follow");
    reader.setDaemon(true);
    reader.start();
    try {
      JsonNode op = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String status = op.path("status").asText();
      String error = op.path("error").asText("");
      out.println(
          "operation "
              + id
              + ": "
              + status
              + (error.isEmpty() || "null".equals(error) ? "" : ": " + error));
      return ExitCodes.forStatus(status);
    } catch (TimeoutException e) {
      out.println("timed out after " + timeout + " waiting for operation " + id + " (it goes on)");
      return ExitCodes.TIMEOUT;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiError api) {
        throw api;
      }
      throw new ApiError(0, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.TIMEOUT;
    }
  }

  /** The terminal operation: from the stream's final status event, or by long-polling. */
  private JsonNode watch(String id) {
    long after = 0;
    try (Stream<String> lines = api.stream("/api/v1/operations/" + id + "/events")) {
      String event = null;
      StringBuilder data = new StringBuilder();
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5));
        } else if (line.isEmpty() && data.length() > 0) {
          JsonNode node = ApiClient.JSON.readTree(data.toString());
          if ("status".equals(event)) {
            return node;
          }
          print(node);
          after = Math.max(after, node.path("seq").asLong());
          event = null;
          data.setLength(0);
        }
      }
    } catch (ApiError e) {
      if (e.status() != 0) {
        throw e; // 401, 403, 404: waiting longer does not help
      }
    } catch (java.io.IOException | java.io.UncheckedIOException broken) {
      // the stream broke: fall back to polling below
    }
    while (true) {
      try {
        JsonNode op = api.get("/api/v1/operations/" + id + "?wait=60s", Duration.ofSeconds(90));
        if (TERMINAL.contains(op.path("status").asText())) {
          return op;
        }
      } catch (ApiError e) {
        if (e.status() != 0) {
          throw e;
        }
        sleep(); // Baton unreachable for a moment (restarting): the deadline decides
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, "interrupted");
    }
  }

  private void print(JsonNode event) {
    String service = event.path("service").asText("");
    out.println(
        event.path("at").asText("")
            + " "
            + event.path("type").asText()
            + (service.isEmpty() || "null".equals(service) ? "" : " " + service)
            + ": "
            + event.path("message").asText(""));
  }
}

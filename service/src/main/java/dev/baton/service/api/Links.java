package dev.baton.service.api;

import dev.baton.service.config.BatonProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Links an operation carries: itself, its app, its events and its run in the Temporal UI. */
@Component
public class Links {
  private final String temporalUi;

  public Links(BatonProperties properties) {
    this.temporalUi = properties.temporalUiUrl();
  }

  public OperationLinks operation(
      String id, String app, String workflowId, @Nullable String runId) {
    return new OperationLinks(
        "/api/v1/operations/" + id,
        "/api/v1/apps/" + app,
        "/api/v1/operations/" + id + "/events",
        temporalUi(workflowId, runId));
  }

  /** The exact run when known, else the workflow id's search in the UI. */
  public String temporalUi(String workflowId, @Nullable String runId) {
    String base = temporalUi + "/namespaces/default/workflows";
    if (runId != null) {
      return base + "/" + encode(workflowId) + "/" + runId + "/history";
    }
    return base + "?query=" + encode("WorkflowId=\"" + workflowId + "\"");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

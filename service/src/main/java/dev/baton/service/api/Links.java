package dev.baton.service.api;

import dev.baton.service.config.BatonProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Links an operation carries: itself, its app, its events and its run in the Temporal UI. */
@Component
public class Links {
  private final String temporalUi;

  public Links(BatonProperties properties) {
    this.temporalUi = properties.temporalUiUrl();
  }

  public Map<String, String> operation(String id, String app, String workflowId, String runId) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("self", "/api/v1/operations/" + id);
    links.put("app", "/api/v1/apps/" + app);
    links.put("events", "/api/v1/operations/" + id + "/events");
    links.put("temporalUi", temporalUi(workflowId, runId));
    return links;
  }

  /** The exact run when known, else the workflow id's search in the UI. */
  public String temporalUi(String workflowId, String runId) {
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

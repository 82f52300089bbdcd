package dev.baton.service.config;

import dev.baton.workflows.app.AppState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Baton's own settings ({@code baton.*}). {@code operationsPerRun}: operations an app's controller
 * runs before it continues as new (default {@link AppState#DEFAULT_OPERATIONS_PER_RUN}; the test
 * stack sets it low so its rollouts cross that boundary).
 */
@ConfigurationProperties("baton")
public record BatonProperties(
    String adminToken, String hosts, String temporalUiUrl, Integer operationsPerRun) {

  public int controllerOperationsPerRun() {
    return operationsPerRun == null || operationsPerRun < 1
        ? AppState.DEFAULT_OPERATIONS_PER_RUN
        : operationsPerRun;
  }

  /** {@code host1=unix:///a.sock,host2=tcp://...} as an ordered map of name to endpoint. */
  public Map<String, String> hostEndpoints() {
    Map<String, String> out = new LinkedHashMap<>();
    if (hosts == null || hosts.isBlank()) {
      return out;
    }
    for (String entry : hosts.split(",")) {
      String[] pair = entry.trim().split("=", 2);
      if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
        throw new IllegalArgumentException(
            "baton.hosts: expected name=endpoint, got '" + entry.trim() + "'");
      }
      out.put(pair[0].trim(), pair[1].trim());
    }
    return out;
  }
}

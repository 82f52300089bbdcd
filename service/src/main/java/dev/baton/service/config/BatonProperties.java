package dev.baton.service.config;

import dev.baton.workflows.app.AppState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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

  /**
   * A host named in {@code baton.hosts}; {@code address} null: as {@code HostAddress.of} derives
   * it.
   */
  public record ConfiguredHost(String endpoint, @Nullable String address) {}

  /**
   * {@code host1=unix:///a.sock;address=10.0.0.1,host2=tcp://...} as an ordered map of name to
   * endpoint and address.
   */
  public Map<String, ConfiguredHost> configuredHosts() {
    Map<String, ConfiguredHost> out = new LinkedHashMap<>();
    if (hosts == null || hosts.isBlank()) {
      return out;
    }
    for (String entry : hosts.split(",")) {
      String[] pair = entry.trim().split("=", 2);
      if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
        throw new IllegalArgumentException(
            "baton.hosts: expected name=endpoint[;address=IP], got '" + entry.trim() + "'");
      }
      String[] endpointAndAddress = pair[1].trim().split(";address=", 2);
      String address = endpointAndAddress.length == 2 ? endpointAndAddress[1].trim() : null;
      out.put(pair[0].trim(), new ConfiguredHost(endpointAndAddress[0].trim(), address));
    }
    return out;
  }
}

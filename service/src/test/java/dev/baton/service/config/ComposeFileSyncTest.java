package dev.baton.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docker-compose.yml cannot run here (no image can be pulled), so this keeps it honest: it parses,
 * runs the services Baton needs, and every setting it gives Baton is one Baton actually has.
 */
class ComposeFileSyncTest {
  private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(InputStream in) {
    return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> batonService() throws IOException {
    try (InputStream in = Files.newInputStream(COMPOSE)) {
      Map<String, Object> services = (Map<String, Object>) load(in).get("services");
      assertThat(services).containsKeys("postgres", "temporal", "temporal-ui", "baton");
      return (Map<String, Object>) services.get("baton");
    }
  }

  /** Keys of application.yml, flattened and normalized the way Spring's relaxed binding does. */
  private static Set<String> configuredKeys() throws IOException {
    try (InputStream in = ComposeFileSyncTest.class.getResourceAsStream("/application.yml")) {
      Set<String> keys = new LinkedHashSet<>();
      flatten("", load(in), keys);
      return keys;
    }
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Object node, Set<String> keys) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(prefix + k + ".", v, keys));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + i + ".", list.get(i), keys);
      }
    } else {
      keys.add(normalize(prefix.substring(0, prefix.length() - 1)));
    }
  }

  private static String normalize(String key) {
    return key.toLowerCase().replaceAll("[^a-z0-9]", "");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everySettingComposeGivesBatonExistsInItsConfiguration() throws IOException {
    Map<String, Object> environment = (Map<String, Object>) batonService().get("environment");
    Set<String> known = configuredKeys();
    assertThat(environment.keySet())
        .as("environment of the baton service")
        .allSatisfy(
            variable ->
                assertThat(known)
                    .as(variable + " maps to a key of application.yml")
                    .contains(normalize(variable)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeGivesBatonEverythingItNeedsToRun() throws IOException {
    Map<String, Object> environment = (Map<String, Object>) batonService().get("environment");
    assertThat(environment)
        .containsKeys(
            "SPRING_DATASOURCE_URL",
            "SPRING_TEMPORAL_CONNECTION_TARGET",
            "BATON_ADMIN_TOKEN",
            "BATON_HOSTS",
            "BATON_TEMPORAL_UI_URL");
    assertThat((List<String>) batonService().get("volumes"))
        .anyMatch(v -> v.startsWith("/var/run/docker.sock:"));
  }
}

package dev.baton.workflows.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.workflows.model.ServiceSpec;
import java.util.List;

/**
 * A service's {@code x-baton.backup.command}: run in its running container to make the volume's
 * files consistent instead of stopping it (e.g. {@code ["redis-cli", "SAVE"]}). The spec carries it
 * as the label {@value #LABEL}, a JSON list, so it needs no field of its own.
 */
public final class BackupCommand {
  public static final String LABEL = "baton.backup.command";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BackupCommand() {}

  /** The service's backup command; empty when it has none (a backup then stops it). */
  public static List<String> of(ServiceSpec service) {
    String json = service.labels() == null ? null : service.labels().get(LABEL);
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      return List.of(); // the parser writes the label: it is always a list
    }
  }

  /** The label's value for {@code command}. */
  public static String label(List<String> command) {
    try {
      return JSON.writeValueAsString(command);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

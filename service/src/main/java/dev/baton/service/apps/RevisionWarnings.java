package dev.baton.service.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.service.spec.SpecError;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps a deploy's warnings with the revision it made (the workflow stores the revision; the
 * warnings stay out of its payloads).
 */
@Component
public class RevisionWarnings {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;

  public RevisionWarnings(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void save(String app, int revision, List<SpecError> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    try {
      jdbc.update(
          "update revisions set warnings = cast(? as jsonb) where app = ? and number = ?",
          JSON.writeValueAsString(warnings),
          app,
          revision);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The warnings stored as JSON, or none. */
  static List<SpecError> read(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return List.of(JSON.readValue(json, SpecError[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

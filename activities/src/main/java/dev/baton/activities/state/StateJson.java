package dev.baton.activities.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.workflows.model.AppSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of the JSONB columns. Jackson 2 ({@code com.fasterxml.jackson}), on purpose: it is the
 * Jackson the Temporal SDK serializes the same model records with, so a spec reads the same in a
 * workflow's history and in {@code revisions.spec}; and it keeps this module independent of the
 * Jackson 3 ({@code tools.jackson}) mapper a Spring Boot 4 app configures for its web layer.
 */
public final class StateJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // Specs written by a newer Baton stay readable by an older one.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private StateJson() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + value.getClass().getName(), e);
    }
  }

  public static AppSpec readSpec(String json) {
    try {
      return MAPPER.readValue(json, AppSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored spec is not a valid AppSpec: " + e.getMessage(), e);
    }
  }

  /** A string map as a JSON object; {@code null} becomes {@code {}}. Keys are sorted. */
  public static String writeLabels(Map<String, String> labels) {
    return write(labels == null ? Map.of() : new TreeMap<>(labels));
  }

  public static Map<String, String> readLabels(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored labels are not a string map: " + e.getMessage(), e);
    }
  }

  /** A stored JSON value as {@code type}. */
  static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not a " + type.getType() + ": " + e, e);
    }
  }
}

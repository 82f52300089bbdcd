package dev.baton.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API contract cannot move silently: the OpenAPI document generated from the controllers must
 * equal the checked-in docs/openapi.json. After an intended change, regenerate it with {@code mvn
 * -pl service test -Dtest=OpenApiDocumentTest -Dopenapi.write=true} and commit the diff.
 */
@WebLayerTest
class OpenApiDocumentTest {
  static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");
  private static final JsonMapper SORTED =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  @Autowired MockMvc mvc;

  @Test
  void generatedDocumentEqualsTheCheckedInOne() throws Exception {
    String raw =
        mvc.perform(get("/v3/api-docs"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    // Keys sorted: the comparison must not depend on reflection order.
    String generated = SORTED.writeValueAsString(SORTED.readValue(raw, Map.class)) + "\n";
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "openapi.json"), generated);
    if (Boolean.getBoolean("openapi.write")) {
      Files.writeString(CHECKED_IN, generated);
    }
    assertThat(Files.exists(CHECKED_IN))
        .as("docs/openapi.json is missing; generate it with -Dopenapi.write=true")
        .isTrue();
    assertThat(generated)
        .as(
            "the API contract changed: compare target/openapi.json with docs/openapi.json; if"
                + " intended, regenerate with -Dopenapi.write=true and commit it")
        .isEqualTo(Files.readString(CHECKED_IN));
    assertThat(generated)
        .contains("/api/v1/apps/{app}/deployments", "/api/v1/tokens", "/api/v1/audit");
  }
}

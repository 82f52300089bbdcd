package dev.baton.service.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.service.api.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageSwapTest {

  @Test
  void replacesPlainQuotedAndFlowScalarsKeepingEverythingElse() {
    String yaml =
        """
        services:
          web:   # the front
            image: 'reg/web:v1'
          api: {image: reg/api:v1, init: true}
          db:
            image: "pg:15"   # untouched
        """;
    String out = ImageSwap.apply(yaml, Map.of("web", "reg/web:v2", "api", "reg/api:v2"));
    assertThat(out)
        .isEqualTo(
            yaml.replace("'reg/web:v1'", "\"reg/web:v2\"").replace("reg/api:v1", "\"reg/api:v2\""));
  }

  @Test
  void unknownServicesAreNamed() {
    assertThatThrownBy(
            () -> ImageSwap.apply("services:\n  web:\n    image: x\n", Map.of("db", "y")))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("images.db: ");
  }
}

package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeOptionsTest {

  @TempDir Path dir;

  @Test
  void sendsTheDotEnvTheEnvFilesAndOnlyTheVariablesTheFilesUse() throws Exception {
    Path file = dir.resolve("compose.yaml");
    Files.writeString(
        file,
        """
        services:
          web:
            image: reg/web:${TAG}
            env_file: [./web.env, {path: ./missing.env, required: false}]
            environment:
              - FROM_SHELL
              - SET=1
        """);
    Files.writeString(dir.resolve(".env"), "TAG=v1\n");
    Files.writeString(dir.resolve("web.env"), "URL=http://${HOST_NAME}/\n");
    ComposeOptions options = new ComposeOptions();
    options.profiles = List.of("debug");
    JsonNode body =
        options.body(
            file,
            Map.of(
                "TAG", "v2", "FROM_SHELL", "x", "HOST_NAME", "h", "AWS_SECRET_ACCESS_KEY", "no"));
    assertThat(body.path("compose").asText()).contains("reg/web:${TAG}");
    assertThat(body.path("envFile").asText()).contains("TAG=v1");
    assertThat(body.path("files").path("./web.env").asText()).contains("URL=");
    assertThat(body.path("files").has("./missing.env")).isFalse();
    assertThat(ApiClient.JSON.convertValue(body.path("variables"), Map.class))
        .isEqualTo(Map.of("TAG", "v2", "FROM_SHELL", "x", "HOST_NAME", "h"));
    assertThat(body.path("profiles").get(0).asText()).isEqualTo("debug");
  }

  @Test
  void anEnvFileGivenThatDoesNotExistIsAnError() throws Exception {
    Files.writeString(dir.resolve("compose.yaml"), "services: {web: {image: x}}\n");
    ComposeOptions options = new ComposeOptions();
    options.envFiles = List.of(dir.resolve("nope.env"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> options.body(dir.resolve("compose.yaml"), Map.of()))
        .hasMessageContaining("nope.env");
  }
}

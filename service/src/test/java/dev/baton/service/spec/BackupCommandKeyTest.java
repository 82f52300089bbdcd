package dev.baton.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.workflows.backup.BackupCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupCommandKeyTest {
  private final ComposeParser parser = new ComposeParser();

  private static String file(String backup) {
    return """
        services:
          kv:
            image: redis:7
            volumes: ["data:/data"]
            x-baton:
              backup: %s
        volumes:
          data:
        """
        .formatted(backup);
  }

  @Test
  void theCommandRidesOnALabelAsAJsonList() {
    ParsedApp parsed = parser.parse("shop", file("{command: [\"redis-cli\", \"SAVE\"]}"));
    var kv = parsed.spec().service("kv");
    assertThat(kv.labels()).containsEntry(BackupCommand.LABEL, "[\"redis-cli\",\"SAVE\"]");
    assertThat(BackupCommand.of(kv)).containsExactly("redis-cli", "SAVE");

    ParsedApp split = parser.parse("shop", file("{command: \"redis-cli SAVE\"}"));
    assertThat(BackupCommand.of(split.spec().service("kv")))
        .isEqualTo(List.of("redis-cli", "SAVE"));
  }

  @Test
  void aServiceWithoutOneHasNoLabel() {
    ParsedApp parsed =
        parser.parse("shop", "services:\n  kv:\n    image: redis:7\n    labels: {team: a}\n");
    assertThat(parsed.spec().service("kv").labels()).doesNotContainKey(BackupCommand.LABEL);
  }

  @Test
  void aMissingCommandOrAnUnknownKeyIsAnErrorAtItsPath() {
    SpecException empty =
        catchThrowableOfType(() -> parser.parse("shop", file("{}")), SpecException.class);
    assertThat(empty.errors())
        .anySatisfy(e -> assertThat(e.path()).isEqualTo("services.kv.x-baton.backup.command"));

    SpecException typo =
        catchThrowableOfType(
            () -> parser.parse("shop", file("{comand: [x]}")), SpecException.class);
    assertThat(typo.errors()).anySatisfy(e -> assertThat(e.path()).contains("comand"));
  }
}

package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.workflows.backup.BackupCommand;
import java.util.List;
import java.util.Map;

/**
 * {@code x-baton.backup.command}: what a backup runs in the service's container instead of stopping
 * it (a string or a list, as {@code command}). The spec carries it as the label {@value
 * BackupCommand#LABEL}, a JSON list: the container shows it, and older specs' digests stay.
 */
final class BackupCommandKey {
  private BackupCommandKey() {}

  static void addTo(
      Map<String, String> labels,
      String path,
      JsonNode service,
      ValueReader values,
      ComposeProblems problems) {
    JsonNode backup = service.path("x-baton").get("backup");
    if (backup == null || backup.isNull()) {
      return;
    }
    String at = path + ".x-baton.backup";
    if (!backup.isObject()) {
      problems.error(at, "must be a mapping");
      return;
    }
    List<String> command = values.commandLine(at + ".command", backup.get("command"));
    if (command.isEmpty()) {
      problems.error(at + ".command", "required: the command a backup runs in the container");
      return;
    }
    labels.put(BackupCommand.LABEL, BackupCommand.label(command));
  }
}

package dev.baton.service.spec;

import java.util.List;
import java.util.Map;

/**
 * What a deploy or a plan brings: the Compose file and what {@code docker compose} would take from
 * the machine it runs on.
 *
 * @param yaml the Compose file
 * @param variables values for interpolation (the caller's environment; they win over {@code
 *     envFile})
 * @param envFile the text of the {@code .env} file (or of {@code --env-file}), in Compose's dotenv
 *     format, also for interpolation
 * @param files the contents of the files that services' {@code env_file} name, by the path as
 *     written
 * @param profiles the profiles chosen ({@code --profile}); {@code *} chooses all
 */
public record ComposeInput(
    String yaml,
    Map<String, String> variables,
    String envFile,
    Map<String, String> files,
    List<String> profiles) {

  public ComposeInput {
    variables = variables == null ? Map.of() : variables;
    files = files == null ? Map.of() : files;
    profiles = profiles == null ? List.of() : profiles;
  }

  /** A file on its own: no variables, no env files, no profiles. */
  public static ComposeInput of(String yaml) {
    return new ComposeInput(yaml, null, null, null, null);
  }
}

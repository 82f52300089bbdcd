package dev.baton.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --url}/{@code --token}, else {@code BATON_URL}/{@code BATON_TOKEN}. */
final class Connection {
  @Spec(Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--url",
      description =
          "Baton's base URL, or its replicas' URLs separated by commas (default: $BATON_URL)")
  String url;

  @Option(names = "--token", description = "API token (default: $BATON_TOKEN)")
  String token;

  ApiClient client() {
    String u = url != null ? url : System.getenv("BATON_URL");
    String t = token != null ? token : System.getenv("BATON_TOKEN");
    if (u == null || u.isBlank()) {
      throw new ParameterException(spec.commandLine(), "set BATON_URL or --url");
    }
    if (t == null || t.isBlank()) {
      throw new ParameterException(spec.commandLine(), "set BATON_TOKEN or --token");
    }
    return new ApiClient(u, t);
  }
}

package dev.baton.service.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Real Compose files from public repositories (src/test/resources/compose-corpus, each with its
 * SOURCE), read as {@code baton plan} reads them: no variables, no profile, env files as the corpus
 * has them. Reports how many are accepted, and every refusal must name its key and line. The report
 * lands in target/compose-corpus.md; docs/compose.md quotes it.
 */
class ComposeCorpusTest {

  /** Accepted files whose services all name an image, as measured; a drop fails the build. */
  private static final int ACCEPTED_AT_LEAST = 20;

  /**
   * Of those, accepted or refused only for volumes, secrets or configs (which come with stateful
   * services), as measured: everything else Baton reads must not regress either.
   */
  private static final int ACCEPTED_BUT_FOR_STATE_AT_LEAST = 44;

  private static final Pattern KEY = Pattern.compile("^(?:services\\.[^.\\[]+\\.)?([a-z_]+)");
  private static final java.util.Set<String> STATEFUL =
      java.util.Set.of(
          "volumes",
          "secrets",
          "configs",
          "volumes (top level)",
          "secrets (top level)",
          "configs (top level)");
  private final ComposeParser parser = new ComposeParser();

  /**
   * Accepted files when the files they bind or read secrets and configs from, beside the Compose
   * file, are sent as the CLI sends them (a path whose last part has an extension is taken for a
   * file, the rest for directories, which stay refused), as measured.
   */
  private static final int ACCEPTED_WITH_FILES_AT_LEAST = 23;

  record Outcome(String name, boolean imagesOnly, List<SpecError> errors, boolean withFiles) {}

  @Test
  void realComposeFilesAreAcceptedOrRefusedAtTheirKeyAndLine() throws IOException {
    Path corpus = Paths.get("src/test/resources/compose-corpus");
    List<Outcome> outcomes = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(corpus)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        outcomes.add(read(dir));
      }
    }
    long imagesOnly = outcomes.stream().filter(Outcome::imagesOnly).count();
    long accepted = outcomes.stream().filter(o -> o.imagesOnly() && o.errors().isEmpty()).count();
    long acceptedWithFiles = outcomes.stream().filter(o -> o.imagesOnly() && o.withFiles()).count();
    System.out.println(
        "compose corpus: "
            + accepted
            + " of "
            + imagesOnly
            + " image-only files accepted as"
            + " written, "
            + acceptedWithFiles
            + " with the files they name sent");
    Files.writeString(
        Paths.get("target/compose-corpus.md"), report(outcomes, imagesOnly, accepted));
    StringBuilder every = new StringBuilder();
    outcomes.forEach(
        o -> o.errors().forEach(e -> every.append(o.name()).append(' ').append(e).append('\n')));
    Files.writeString(Paths.get("target/compose-corpus-errors.txt"), every);
    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(60);
    for (Outcome o : outcomes) {
      for (SpecError e : o.errors()) {
        assertThat(e.path()).as(o.name() + ": " + e).isNotEmpty();
        assertThat(e.line()).as(o.name() + ": " + e).isNotNull();
      }
    }
    assertThat(accepted).isGreaterThanOrEqualTo(ACCEPTED_AT_LEAST);
    assertThat(acceptedWithFiles).isGreaterThanOrEqualTo(ACCEPTED_WITH_FILES_AT_LEAST);
    long butForState =
        outcomes.stream()
            .filter(Outcome::imagesOnly)
            .filter(o -> o.errors().stream().allMatch(e -> STATEFUL.contains(key(e.path()))))
            .count();
    assertThat(butForState).isGreaterThanOrEqualTo(ACCEPTED_BUT_FOR_STATE_AT_LEAST);
  }

  private Outcome read(Path dir) throws IOException {
    String yaml = Files.readString(dir.resolve("compose.yaml"), StandardCharsets.UTF_8);
    Map<String, String> files = new TreeMap<>();
    Path env = dir.resolve("env");
    if (Files.isDirectory(env)) {
      try (Stream<Path> each = Files.walk(env)) {
        for (Path f : each.filter(Files::isRegularFile).toList()) {
          files.put(env.relativize(f).toString(), Files.readString(f));
        }
      }
    }
    Path dotenv = dir.resolve("dotenv");
    String envFile = Files.isRegularFile(dotenv) ? Files.readString(dotenv) : null;
    List<SpecError> errors = errors(new ComposeInput(yaml, null, envFile, files, null));
    Map<String, String> withSent = new TreeMap<>(files);
    namedFiles(yaml).forEach(f -> withSent.putIfAbsent(f, "# sent by the CLI\n"));
    boolean withFiles = errors(new ComposeInput(yaml, null, envFile, withSent, null)).isEmpty();
    return new Outcome(dir.getFileName().toString(), imagesOnly(yaml), errors, withFiles);
  }

  private List<SpecError> errors(ComposeInput input) {
    try {
      parser.parse("corpus", input);
      return List.of();
    } catch (SpecException e) {
      return e.errors();
    }
  }

  /**
   * The files beside the Compose file that the CLI would send: relative bind sources and the {@code
   * file:} of secrets and configs, when the last part of the path has an extension.
   */
  private static List<String> namedFiles(String yaml) {
    List<String> out = new ArrayList<>();
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    } catch (RuntimeException e) {
      return out;
    }
    if (!(doc instanceof Map<?, ?> root)) {
      return out;
    }
    if (root.get("services") instanceof Map<?, ?> services) {
      for (Object s : services.values()) {
        if (s instanceof Map<?, ?> m && m.get("env_file") != null) {
          Object env = m.get("env_file");
          for (Object e : env instanceof List<?> l ? l : List.of(env)) {
            if (e instanceof String path) {
              out.add(path);
            } else if (e instanceof Map<?, ?> entry && entry.get("path") instanceof String path) {
              out.add(path);
            }
          }
        }
        if (s instanceof Map<?, ?> m && m.get("volumes") instanceof List<?> volumes) {
          for (Object v : volumes) {
            String source =
                v instanceof String e && e.contains(":")
                    ? e.substring(0, e.indexOf(':'))
                    : v instanceof Map<?, ?> l && l.get("source") instanceof String src ? src : "";
            if (source.startsWith(".") && isFileName(source)) {
              out.add(source);
            }
          }
        }
      }
    }
    for (String section : List.of("secrets", "configs")) {
      if (root.get(section) instanceof Map<?, ?> declared) {
        for (Object d : declared.values()) {
          if (d instanceof Map<?, ?> m && m.get("file") instanceof String f && isFileName(f)) {
            out.add(f);
          }
        }
      }
    }
    return out;
  }

  private static boolean isFileName(String path) {
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.lastIndexOf('.') > 0;
  }

  /** Whether every service names an image (or extends one that may). */
  private static boolean imagesOnly(String yaml) {
    try {
      Object doc = new Load(LoadSettings.builder().build()).loadFromString(yaml);
      if (!(doc instanceof Map<?, ?> root) || !(root.get("services") instanceof Map<?, ?> s)) {
        return false;
      }
      return s.values().stream()
          .allMatch(
              v ->
                  v instanceof Map<?, ?> m && (m.containsKey("image") || m.containsKey("extends")));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String report(List<Outcome> outcomes, long imagesOnly, long accepted) {
    Map<String, Integer> byKey = new TreeMap<>();
    Map<String, Integer> filesByKey = new TreeMap<>();
    StringBuilder rows = new StringBuilder();
    for (Outcome o : outcomes) {
      List<String> keys = new ArrayList<>();
      for (SpecError e : o.errors()) {
        String key = key(e.path());
        byKey.merge(key, 1, Integer::sum);
        if (!keys.contains(key)) {
          keys.add(key);
          filesByKey.merge(key, 1, Integer::sum);
        }
      }
      rows.append("| ")
          .append(o.name())
          .append(" | ")
          .append(o.imagesOnly() ? "yes" : "no")
          .append(" | ")
          .append(o.errors().isEmpty() ? "accepted" : "refused: " + String.join(", ", keys))
          .append(" |\n");
    }
    StringBuilder out = new StringBuilder();
    out.append("# Compose corpus\n\n")
        .append(outcomes.size())
        .append(" files; ")
        .append(imagesOnly)
        .append(" name an image for every service; of those ")
        .append(accepted)
        .append(" accepted (")
        .append(imagesOnly == 0 ? 0 : Math.round(100.0 * accepted / imagesOnly))
        .append("%). All files accepted: ")
        .append(outcomes.stream().filter(o -> o.errors().isEmpty()).count())
        .append(". Of the refused files that name images, ")
        .append(
            outcomes.stream()
                .filter(o -> o.imagesOnly() && !o.errors().isEmpty())
                .filter(o -> o.errors().stream().allMatch(e -> STATEFUL.contains(key(e.path()))))
                .count())
        .append(" are refused only for volumes, secrets or configs (stateful services).")
        .append("\n\n| refused for | files | errors |\n|---|---|---|\n");
    filesByKey.forEach(
        (k, n) ->
            out.append("| ")
                .append(k)
                .append(" | ")
                .append(n)
                .append(" | ")
                .append(byKey.get(k))
                .append(" |\n"));
    out.append("\n| file | images only | outcome |\n|---|---|---|\n").append(rows);
    return out.toString();
  }

  private static String key(String path) {
    Matcher m = KEY.matcher(Objects.requireNonNullElse(path, ""));
    String key = m.find() ? m.group(1) : path;
    return path.startsWith("services.") ? key : key + " (top level)";
  }
}

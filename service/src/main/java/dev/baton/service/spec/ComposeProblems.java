package dev.baton.service.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found in one Compose file, each with its key path and line. Only the first problem
 * at a path, or at a path enclosing it, is kept: one cause, one message.
 */
final class ComposeProblems {

  private final SafeYaml.Doc doc;
  private final List<SpecError> errors;
  private final List<SpecError> warnings;
  private final Set<String> errorPaths = new LinkedHashSet<>();

  ComposeProblems(SafeYaml.Doc doc, List<SpecError> errors, List<SpecError> warnings) {
    this.doc = doc;
    this.errors = errors;
    this.warnings = warnings;
    errors.forEach(e -> errorPaths.add(e.path())); // from interpolation: one message per value
  }

  /** Records something accepted that the user should know (a key ignored, a default taken). */
  void warn(String path, String message) {
    warnings.add(
        new SpecError(path, lineOf(path), path.isEmpty() ? message : path + ": " + message));
  }

  boolean any() {
    return !errors.isEmpty();
  }

  /** The line of the key at {@code path}, or null. */
  Integer line(String path) {
    return doc.line(path);
  }

  /** The scalar at {@code path} as written (before YAML typed it), or null. */
  String raw(String path) {
    return doc.raw().get(path);
  }

  /** Records an error unless one is already recorded at this path or an enclosing one. */
  void error(String path, String message) {
    for (String p : errorPaths) {
      if (path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "[")) {
        return;
      }
    }
    if (!path.isEmpty()) {
      errorPaths.add(path);
    }
    errors.add(new SpecError(path, lineOf(path), path.isEmpty() ? message : path + ": " + message));
  }

  /** Line of the key at {@code path}, or of the nearest enclosing key that has one. */
  private Integer lineOf(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Integer line = doc.line(p);
      if (line != null) {
        return line;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return path.isEmpty() ? null : 1; // a top-level key that is missing: the document's start
  }
}

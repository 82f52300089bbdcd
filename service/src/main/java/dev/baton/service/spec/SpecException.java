package dev.baton.service.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be accepted, with every problem found (not only the first). */
public class SpecException extends RuntimeException {

  private final List<SpecError> errors;

  public SpecException(List<SpecError> errors) {
    super(summary(errors));
    this.errors = List.copyOf(errors);
  }

  public List<SpecError> errors() {
    return errors;
  }

  private static String summary(List<SpecError> errors) {
    return errors.size()
        + " error(s) in app spec:\n"
        + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
  }
}

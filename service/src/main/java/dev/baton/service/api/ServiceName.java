package dev.baton.service.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Service names as Compose allows them, lowercase: they end up in container names and DNS answers.
 * Null is valid (as for every Bean Validation constraint); add {@code @NotNull} where a name is
 * required.
 */
@Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,62}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface ServiceName {
  String message() default
      "'${validatedValue}' is not a service name (lowercase letters, digits, '-', '_' and '.', 1 to 63"
          + " characters)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}

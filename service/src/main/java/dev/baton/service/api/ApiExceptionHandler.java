package dev.baton.service.api;

import dev.baton.service.spec.SpecError;
import dev.baton.service.spec.SpecException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns Baton's errors into RFC 9457 problem details that name the offending field or key. */
@RestControllerAdvice
public class ApiExceptionHandler {

  @ExceptionHandler(ApiException.class)
  ProblemDetail api(ApiException e) {
    return problem(e.status(), e.getMessage(), e.errors());
  }

  @ExceptionHandler(SpecException.class)
  ProblemDetail spec(SpecException e) {
    List<Map<String, Object>> errors = e.errors().stream().map(ApiExceptionHandler::toMap).toList();
    String first = errors.isEmpty() ? "invalid spec" : describe(e.errors().get(0));
    String detail = errors.size() > 1 ? first + " (and " + (errors.size() - 1) + " more)" : first;
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, detail, errors);
  }

  /** The app controller's validator rejected the operation before it entered history. */
  @ExceptionHandler(WorkflowUpdateException.class)
  ProblemDetail rejected(WorkflowUpdateException e) {
    Throwable cause = e.getCause();
    String message =
        cause instanceof ApplicationFailure failure
            ? failure.getOriginalMessage()
            : String.valueOf(cause == null ? e.getMessage() : cause.getMessage());
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, message, List.of());
  }

  private static Map<String, Object> toMap(SpecError error) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("path", error.path());
    if (error.line() != null) {
      map.put("line", error.line());
    }
    map.put("message", error.message());
    return map;
  }

  private static String describe(SpecError error) {
    return error.path()
        + (error.line() == null ? "" : " (line " + error.line() + ")")
        + ": "
        + error.message();
  }

  private static ProblemDetail problem(
      HttpStatus status, String detail, List<Map<String, Object>> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problem;
  }
}

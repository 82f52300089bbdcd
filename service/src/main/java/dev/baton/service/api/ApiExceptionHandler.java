package dev.baton.service.api;

import dev.baton.service.spec.SpecError;
import dev.baton.service.spec.SpecException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns Baton's errors, and Spring MVC's own (404, 405, 415, unreadable JSON, bad parameters), into
 * RFC 9457 problem details that name the offending field or key.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

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

  /**
   * Temporal or PostgreSQL does not answer: 503 with Retry-After, so that clients (the CLI, CI
   * jobs) wait and send again. Any other failure stays what it was.
   */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> dependencyDown(RuntimeException e) {
    String part = DependencyDown.part(e).orElseThrow(() -> e);
    ProblemDetail problem =
        problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            part + " does not answer; try again shortly (" + e.getClass().getSimpleName() + ")",
            List.of());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(problem);
  }

  /** Tomcat refuses a query it cannot split (an empty parameter name: {@code ?=x}). */
  @ExceptionHandler(InvalidParameterException.class)
  ProblemDetail malformedQuery(InvalidParameterException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "query: a parameter is malformed (an empty name, or bad percent-encoding)",
        List.of(Map.of("path", "query", "message", "malformed parameter")));
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

  /** Malformed JSON, an unknown field or a wrong type: 400 naming the field's path. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail = "request body: unreadable";
    List<Map<String, Object>> errors = List.of();
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UnrecognizedPropertyException unknown) {
        String path = path(unknown);
        detail = path + ": unknown field";
        errors = List.of(Map.of("path", path, "message", "unknown field"));
        break;
      }
      if (t instanceof DatabindException bind && !bind.getPath().isEmpty()) {
        String path = path(bind);
        detail = path + ": " + bind.getOriginalMessage();
        errors = List.of(Map.of("path", path, "message", bind.getOriginalMessage()));
        break;
      }
      if (t instanceof JacksonException json) {
        detail = "request body: malformed JSON: " + json.getOriginalMessage().split("\n")[0];
        break;
      }
    }
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, detail, errors);
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** A request body that fails Bean Validation: 400 naming each field ({@code images.web}). */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, Object>> errors =
        ex.getFieldErrors().stream()
            .map(e -> error(violationPath(e), e.getDefaultMessage()))
            .toList();
    return invalid(ex, errors, headers, request);
  }

  /** A path variable or query parameter that fails its constraint: 400 naming the parameter. */
  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (ParameterValidationResult result : ex.getParameterValidationResults()) {
      if (result instanceof ParameterErrors body) {
        body.getFieldErrors()
            .forEach(e -> errors.add(error(violationPath(e), e.getDefaultMessage())));
        continue;
      }
      for (MessageSourceResolvable e : result.getResolvableErrors()) {
        errors.add(error(result.getMethodParameter().getParameterName(), e.getDefaultMessage()));
      }
    }
    return invalid(ex, errors, headers, request);
  }

  private ResponseEntity<Object> invalid(
      Exception ex, List<Map<String, Object>> errors, HttpHeaders headers, WebRequest request) {
    String first =
        errors.isEmpty()
            ? "invalid request"
            : errors.get(0).get("path") + ": " + errors.get(0).get("message");
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, first, errors);
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** The field's path with map keys as segments: {@code images.web}, not {@code images[web]}. */
  private static String violationPath(FieldError error) {
    if (!error.contains(ConstraintViolation.class)) {
      return error.getField();
    }
    StringBuilder out = new StringBuilder();
    for (Path.Node node : error.unwrap(ConstraintViolation.class).getPropertyPath()) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
        continue; // a body validated as a method parameter: name its fields, not the method
      }
      if (node.getKey() != null) {
        out.append('.').append(node.getKey());
      } else if (node.getIndex() != null) {
        out.append('[').append(node.getIndex()).append(']');
      } else if (node.getName() != null && !node.getName().startsWith("<")) {
        out.append(out.isEmpty() ? "" : ".").append(node.getName());
      }
    }
    return out.toString();
  }

  private static Map<String, Object> error(String path, String message) {
    return Map.of("path", path, "message", message == null ? "invalid" : message);
  }

  private static String path(JacksonException e) {
    StringBuilder out = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "request body" : out.toString();
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

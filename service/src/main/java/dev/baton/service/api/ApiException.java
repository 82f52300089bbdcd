package dev.baton.service.api;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An error the API answers as application/problem+json; {@code errors} name fields or keys. */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final List<Map<String, Object>> errors;

  public ApiException(HttpStatus status, String detail, List<Map<String, Object>> errors) {
    super(detail);
    this.status = status;
    this.errors = errors;
  }

  public ApiException(HttpStatus status, String detail) {
    this(status, detail, List.of());
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, what + " not found");
  }

  public static ApiException badField(String field, String message) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        field + ": " + message,
        List.of(Map.of("path", field, "message", message)));
  }

  public static ApiException conflict(String field, String message) {
    return new ApiException(
        HttpStatus.CONFLICT,
        field + ": " + message,
        List.of(Map.of("path", field, "message", message)));
  }

  public HttpStatus status() {
    return status;
  }

  public List<Map<String, Object>> errors() {
    return errors;
  }
}

package dev.baton.service.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring's {@code /error} page, for what fails outside the controllers (a filter, the servlet
 * container's request parsing): problem+json with the status, as every other error, instead of
 * Spring Boot's default error JSON. The exception is not described: it may quote the request.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
    if (status == null || !status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    String detail =
        status.is4xxClientError()
            ? "the request could not be read: " + status.getReasonPhrase()
            : "Baton failed to answer; the error is in its log";
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}

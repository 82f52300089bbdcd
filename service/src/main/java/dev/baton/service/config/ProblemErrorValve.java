package dev.baton.service.config;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error page for what it refuses before Spring sees the request (a header over the size
 * limit, an encoded slash in the path): problem+json like every other error Baton answers, instead
 * of Tomcat's HTML. It says only the status: the request was not read, so there is no field to
 * name.
 */
public class ProblemErrorValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(Problems.json(status, title, detail(status, title)));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response committed meanwhile: nothing more to say.
    }
  }

  private static String detail(int status, String title) {
    return switch (status) {
      case 400 ->
          "the request could not be read (its request line, a header or the path is malformed or"
              + " too large)";
      case 404 -> "no such resource";
      default -> title;
    };
  }
}

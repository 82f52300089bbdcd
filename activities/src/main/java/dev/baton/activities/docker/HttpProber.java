package dev.baton.activities.docker;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** One GET of an x-baton HTTP probe; returns null on a 2xx, else why it failed. */
final class HttpProber {

  // HTTP/1.1 only: small servers (busybox httpd) do not speak the h2c upgrade dance.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  String check(String address, String path, long timeoutMillis) {
    if (address == null) {
      return "probe port is not published";
    }
    String p = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + address + p))
            .timeout(Duration.ofMillis(timeoutMillis > 0 ? timeoutMillis : 1_000))
            .GET()
            .build();
    try {
      int code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return code >= 200 && code < 300 ? null : "GET " + p + " answered " + code;
    } catch (ConnectException e) {
      return "connection refused";
    } catch (HttpTimeoutException e) {
      return "timed out after " + timeoutMillis + " ms";
    } catch (IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}

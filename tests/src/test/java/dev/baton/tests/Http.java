package dev.baton.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP probes of app instances through their published ports. */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  private Http() {}

  /** The body of GET http://address/path, or null when it does not answer 200. */
  public static String get(String address, String path) {
    try {
      HttpResponse<String> response =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://" + address + path))
                  .timeout(Duration.ofMillis(800))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body().trim() : null;
    } catch (Exception e) {
      return null;
    }
  }
}

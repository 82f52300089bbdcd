package dev.baton.activities.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The size on disk of each volume of a host, from the engine's disk usage ({@code GET /system/df}),
 * which docker-java has no command for. Empty when the host does not answer.
 */
public final class VolumeSizes {
  private static final Logger log = LoggerFactory.getLogger(VolumeSizes.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private VolumeSizes() {}

  public static Map<String, Long> of(DockerClients clients, String hostName) {
    Map<String, Long> out = new HashMap<>();
    try {
      DockerClientImpl client = (DockerClientImpl) clients.forHost(hostName);
      DockerHttpClient.Request request =
          DockerHttpClient.Request.builder()
              .method(DockerHttpClient.Request.Method.GET)
              .path("/v" + clients.apiVersion() + "/system/df")
              .build();
      try (DockerHttpClient.Response response = client.getHttpClient().execute(request);
          InputStream body = response.getBody()) {
        for (JsonNode v : JSON.readTree(body).path("Volumes")) {
          long size = v.path("UsageData").path("Size").asLong(-1);
          if (size >= 0) {
            out.put(v.path("Name").asText(), size);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("volume sizes of {}: {}", hostName, e.toString());
    }
    return out;
  }
}

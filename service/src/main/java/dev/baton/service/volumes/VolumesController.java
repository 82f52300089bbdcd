package dev.baton.service.volumes;

import dev.baton.activities.docker.DockerClients;
import dev.baton.activities.docker.VolumeSizes;
import dev.baton.service.api.ApiException;
import dev.baton.service.api.DnsLabel;
import dev.baton.service.apps.AppReadRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /apps/{app}/volumes}: each named volume with its host and size. */
@RestController
@RequestMapping("/api/v1/apps/{app}/volumes")
public record VolumesController(
    AppReadRepository apps, VolumeReadRepository volumes, DockerClients docker) {

  @GetMapping
  public List<VolumeView> list(@PathVariable @DnsLabel String app) {
    apps.header(app).orElseThrow(() -> ApiException.notFound("app " + app));
    List<VolumeRow> rows = volumes.ofApp(app);
    // One disk-usage call per host that holds any of them.
    Map<String, Map<String, Long>> sizes = new HashMap<>();
    for (VolumeRow row : rows) {
      sizes.computeIfAbsent(row.host(), h -> VolumeSizes.of(docker, h));
    }
    return rows.stream()
        .map(
            r ->
                new VolumeView(
                    r.volume(),
                    r.name(),
                    r.host(),
                    sizes.get(r.host()).get(r.name()),
                    r.createdAt()))
        .toList();
  }
}

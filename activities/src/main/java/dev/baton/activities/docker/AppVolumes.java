package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.VolumeSpec;
import dev.baton.workflows.ports.CreateRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance's mounts on its host's engine: the named volumes it mounts are made there before the
 * container (labelled with the app, so a delete with volumes finds them), an external one must
 * exist already; then every volume, bind and tmpfs goes into the container's host config.
 */
final class AppVolumes {
  /** Label of the volume's key in the app's records ({@code Mount.key}). */
  static final String VOLUME = "baton.volume";

  /** Error type of the non-retryable failure when an external volume is missing on the host. */
  static final String EXTERNAL_MISSING = "ExternalVolumeMissing";

  private AppVolumes() {}

  /** Makes the request's named volumes on this engine (a volume that exists is kept as it is). */
  static void ensure(DockerClient docker, String hostName, CreateRequest request) {
    for (Mount mount : request.service().namedVolumes()) {
      String name = mount.dockerName(request.slot());
      VolumeSpec spec = mount.volume();
      if (spec.external()) {
        requireExisting(docker, hostName, name);
        continue;
      }
      create(docker, request.app(), mount.key(request.slot()), name, spec);
    }
  }

  /**
   * Makes the volume {@code name} with {@code spec}'s driver, options and labels (the local driver
   * when there is no spec), labelled with its app and key; one that exists is kept as it is.
   */
  static void create(DockerClient docker, String app, String key, String name, VolumeSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (spec != null && spec.labels() != null) {
      labels.putAll(spec.labels());
    }
    labels.put(BatonLabels.APP, app);
    labels.put(VOLUME, key);
    docker
        .createVolumeCmd()
        .withName(name)
        .withDriver(spec == null || spec.driver() == null ? "local" : spec.driver())
        .withDriverOpts(
            spec == null || spec.driverOptions() == null ? Map.of() : spec.driverOptions())
        .withLabels(labels)
        .exec();
  }

  private static void requireExisting(DockerClient docker, String hostName, String name) {
    try {
      InspectVolumeResponse found = docker.inspectVolumeCmd(name).exec();
      if (found != null) {
        return;
      }
    } catch (NotFoundException missing) {
      // answered below
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "external volume " + name + " does not exist on host " + hostName + ": create it there",
        EXTERNAL_MISSING);
  }

  /** Every mount of the request's service, in the order the file lists them. */
  static void apply(HostConfig host, CreateRequest request) {
    List<com.github.dockerjava.api.model.Mount> mounts = new ArrayList<>();
    for (Mount m : request.service().volumeMounts()) {
      com.github.dockerjava.api.model.Mount mount =
          new com.github.dockerjava.api.model.Mount()
              .withTarget(m.target())
              .withReadOnly(m.readOnly());
      switch (m.type()) {
        case VOLUME -> {
          mount.withType(MountType.VOLUME).withSource(m.dockerName(request.slot()));
          if (m.noCopy()) {
            mount.withVolumeOptions(new VolumeOptions().withNoCopy(true));
          }
        }
        case BIND -> mount.withType(MountType.BIND).withSource(m.source());
        case TMPFS -> {
          mount.withType(MountType.TMPFS);
          if (m.tmpfsSizeBytes() > 0) {
            mount.withTmpfsOptions(new TmpfsOptions().withSizeBytes(m.tmpfsSizeBytes()));
          }
        }
      }
      mounts.add(mount);
    }
    if (!mounts.isEmpty()) {
      host.withMounts(mounts);
    }
  }

  /** Removes the volumes Baton made for the app on this engine; answers their names. */
  static List<String> removeAll(DockerClient docker, String app) {
    List<String> removed = new ArrayList<>();
    var found =
        docker
            .listVolumesCmd()
            .withFilter("label", List.of(BatonLabels.APP + "=" + app))
            .exec()
            .getVolumes();
    for (InspectVolumeResponse v : found == null ? List.<InspectVolumeResponse>of() : found) {
      try {
        docker.removeVolumeCmd(v.getName()).exec();
        removed.add(v.getName());
      } catch (NotFoundException gone) {
        // removed meanwhile
      }
    }
    return removed;
  }
}

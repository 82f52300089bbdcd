package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import dev.baton.workflows.model.VolumeSpec;
import dev.baton.workflows.ports.VolumeCopy;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Copies a named volume between two engines through their archive endpoints: on each side a
 * throwaway container, created and never started, mounts the volume at {@link #PATH}; {@code GET
 * archive} of {@link #PATH} on the source streams straight into {@code PUT archive} at {@code /} on
 * the target, so the tar's top directory (the mount point) lands on the new volume's root.
 */
final class VolumeCopier {
  static final String PATH = "/baton-volume";

  /** Label of the throwaway containers (not {@code baton.app}: they are no app's instances). */
  static final String COPY_LABEL = "baton.volume-copy";

  private VolumeCopier() {}

  static long copy(
      DockerClient from, DockerClient to, VolumeCopy copy, ActivityExecutionContext activity) {
    VolumeSpec spec = copy.volume();
    if (spec != null && spec.external()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "volume " + copy.name() + " is external (made outside Baton): not Baton's to move",
          "ExternalVolume");
    }
    // The name and labels a create of its instance would give it.
    AppVolumes.create(to, copy.app(), copy.key(), copy.name(), spec);
    String src = throwaway(from, copy, "from");
    String dst = throwaway(to, copy, "to");
    Heartbeats beats = new Heartbeats(activity, "copying " + copy.name() + " to " + copy.toHost());
    try (InputStream in = from.copyArchiveFromContainerCmd(src, PATH).exec()) {
      to.copyArchiveToContainerCmd(dst)
          .withRemotePath("/")
          .withTarInputStream(beats.counting(in))
          .exec();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      remove(from, src);
      remove(to, dst);
    }
    return beats.bytes();
  }

  /** A created container mounting the volume, made anew (an earlier attempt's is removed). */
  private static String throwaway(DockerClient docker, VolumeCopy copy, String side) {
    String name = "baton-copy-" + copy.name() + "-" + side;
    remove(docker, name);
    com.github.dockerjava.api.model.Mount mount =
        new com.github.dockerjava.api.model.Mount()
            .withType(MountType.VOLUME)
            .withSource(copy.name())
            .withTarget(PATH);
    return docker
        .createContainerCmd(copy.image())
        .withName(name)
        .withLabels(Map.of(COPY_LABEL, copy.app() + "/" + copy.key()))
        .withEntrypoint(List.of("/baton-never-started"))
        .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(mount)))
        .exec()
        .getId();
  }

  private static void remove(DockerClient docker, String idOrName) {
    try {
      docker.removeContainerCmd(idOrName).withForce(true).withRemoveVolumes(false).exec();
    } catch (NotFoundException gone) {
      // never made, or removed already
    }
  }
}

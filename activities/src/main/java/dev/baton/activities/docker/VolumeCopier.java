package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import dev.baton.workflows.model.VolumeSpec;
import dev.baton.workflows.ports.VolumeCopy;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
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
    makeVolume(to, copy);
    String src = throwaway(from, copy, "from");
    String dst = throwaway(to, copy, "to");
    Counting tar = null;
    try (InputStream in = from.copyArchiveFromContainerCmd(src, PATH).exec()) {
      tar = new Counting(in, activity, "copying " + copy.name() + " to " + copy.toHost());
      to.copyArchiveToContainerCmd(dst).withRemotePath("/").withTarInputStream(tar).exec();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      remove(from, src);
      remove(to, dst);
    }
    return tar.bytes;
  }

  /** The volume on the target, with the name and labels a create of its instance would give it. */
  private static void makeVolume(DockerClient docker, VolumeCopy copy) {
    VolumeSpec spec = copy.volume();
    Map<String, String> labels = new LinkedHashMap<>();
    if (spec != null && spec.labels() != null) {
      labels.putAll(spec.labels());
    }
    labels.put(BatonLabels.APP, copy.app());
    labels.put(AppVolumes.VOLUME, copy.key());
    docker
        .createVolumeCmd()
        .withName(copy.name())
        .withDriver(spec == null || spec.driver() == null ? "local" : spec.driver())
        .withDriverOpts(
            spec == null || spec.driverOptions() == null ? Map.of() : spec.driverOptions())
        .withLabels(labels)
        .exec();
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

  /** Counts the bytes read and heartbeats with them at most once a second. */
  private static final class Counting extends FilterInputStream {
    private final ActivityExecutionContext activity;
    private final String what;
    private long bytes;
    private long last = System.nanoTime();

    Counting(InputStream in, ActivityExecutionContext activity, String what) {
      super(in);
      this.activity = activity;
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      add(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      add(Math.max(n, 0));
      return n;
    }

    private void add(long n) {
      bytes += n;
      long now = System.nanoTime();
      if (now - last >= 1_000_000_000L) {
        last = now;
        activity.heartbeat(what + ": " + (bytes >> 20) + " MiB");
      }
    }
  }
}

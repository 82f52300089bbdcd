package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import dev.baton.activities.secrets.SecretStore;
import dev.baton.workflows.model.FileMount;
import dev.baton.workflows.ports.CreateRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an instance's secrets and configs into its container after the create and before the
 * start, through the engine's archive endpoint: the process finds them at its first instruction.
 * They go into the container's own filesystem, not a tmpfs: the engine mounts a tmpfs only at
 * start, over anything written before, and a write after the start races the process that reads
 * them. The values are read from the encrypted store here, in the activity, so no workflow payload
 * ever holds one.
 */
final class FileMounts {
  /** Error type of the non-retryable failure when a referenced value is not in the store. */
  static final String VALUE_MISSING = "SecretValueMissing";

  private FileMounts() {}

  static void write(
      DockerClient docker, String containerId, CreateRequest request, SecretStore store) {
    List<FileMount> files = request.service().fileMounts();
    if (files.isEmpty()) {
      return;
    }
    if (store == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "this Baton has no secret store", VALUE_MISSING);
    }
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (FileMount f : files) {
        byte[] value =
            store
                .read(f.scope(), f.kind(), f.name(), f.digest())
                .orElseThrow(
                    () ->
                        ApplicationFailure.newNonRetryableFailure(
                            f.kind().name().toLowerCase()
                                + " "
                                + f.name()
                                + " ("
                                + f.digest()
                                + ") is not in Baton's store",
                            VALUE_MISSING));
        TarArchiveEntry entry = new TarArchiveEntry(f.target().substring(1));
        entry.setSize(value.length);
        entry.setMode(f.mode());
        entry.setUserId(Long.parseLong(f.uid()));
        entry.setGroupId(Long.parseLong(f.gid()));
        out.putArchiveEntry(entry);
        out.write(value);
        out.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot build the archive of secrets and configs", e);
    }
    docker
        .copyArchiveToContainerCmd(containerId)
        .withRemotePath("/")
        .withTarInputStream(new ByteArrayInputStream(tar.toByteArray()))
        .exec();
  }
}

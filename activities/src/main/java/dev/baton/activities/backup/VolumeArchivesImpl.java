package dev.baton.activities.backup;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.baton.activities.docker.DockerClients;
import dev.baton.activities.docker.Heartbeats;
import dev.baton.workflows.ports.BackupFile;
import dev.baton.workflows.ports.VolumeArchives;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link VolumeArchives} through the Engine's exec and archive endpoints ({@code GET/PUT
 * /containers/{id}/archive}, which work on stopped and never-started containers too) and the {@link
 * BackupStore}. Retries are safe: an archive writes under a temporary name of its attempt, an
 * extract into the fresh volume overwrites what an earlier attempt copied.
 */
@Component
public class VolumeArchivesImpl implements VolumeArchives {
  private static final Logger log = LoggerFactory.getLogger(VolumeArchivesImpl.class);
  private static final int OUTPUT_KEPT = 2_000;

  private final DockerClients clients;
  private final BackupStore store;

  public VolumeArchivesImpl(DockerClients clients, BackupStore store) {
    this.clients = clients;
    this.store = store;
  }

  @Override
  public void runBackupCommand(String host, String containerId, List<String> command) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    DockerClient docker = clients.forHost(host);
    String exec;
    try {
      exec =
          docker
              .execCreateCmd(containerId)
              .withCmd(command.toArray(String[]::new))
              .withAttachStdout(true)
              .withAttachStderr(true)
              .exec()
              .getId();
    } catch (NotFoundException | ConflictException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "container " + containerId + " is not running on " + host, COMMAND_FAILED, e);
    }
    StringBuilder output = new StringBuilder();
    try (ResultCallback.Adapter<Frame> attached =
        docker.execStartCmd(exec).exec(new Collect(output))) {
      // The stream ends when the command does (or when the client's read timeout cuts it).
      while (!attached.awaitCompletion(1, TimeUnit.SECONDS)) {
        activity.heartbeat("running " + command);
      }
      InspectExecResponse state = docker.inspectExecCmd(exec).exec();
      while (Boolean.TRUE.equals(state.isRunning())) {
        activity.heartbeat("running " + command);
        Thread.sleep(1_000);
        state = docker.inspectExecCmd(exec).exec();
      }
      Long code = state.getExitCodeLong();
      if (code == null || code != 0) {
        throw ApplicationFailure.newNonRetryableFailure(
            "backup command " + command + " exited " + code + ": " + kept(output), COMMAND_FAILED);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public BackupFile archiveVolume(String host, String containerId, String path, String file) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    Heartbeats beats = new Heartbeats(activity, "archiving " + path);
    try {
      if (store.exists(file)) {
        // An earlier attempt renamed it into place and died before it could say so.
        return new BackupFile(file, store.size(file), sha256(file, beats));
      }
      DockerClient docker = clients.forHost(host);
      BackupStore.Stored stored =
          store.write(
              file,
              activity.getInfo().getAttempt(),
              out -> {
                try (InputStream tar =
                    docker.copyArchiveFromContainerCmd(containerId, path).exec()) {
                  VolumeTar.rebase(beats.counting(tar), out);
                }
              });
      log.info("backup {}: {} bytes from {} on {}", file, stored.sizeBytes(), path, host);
      return new BackupFile(file, stored.sizeBytes(), stored.sha256());
    } catch (NotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "container " + containerId + " or its " + path + " is missing on " + host,
          "ContainerMissing",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("backup " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String verifyBackup(String file, String sha256) {
    Heartbeats beats = new Heartbeats(Activity.getExecutionContext(), "verifying " + file);
    try {
      String actual = sha256(file, beats);
      return actual.equals(sha256)
          ? null
          : "checksum does not match: the file's SHA-256 is "
              + actual
              + ", the backup recorded "
              + sha256;
    } catch (NoSuchFileException e) {
      return "its file " + file + " is missing from the backup store " + store.root();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void extractBackup(String host, String containerId, String path, String file) {
    Heartbeats beats = new Heartbeats(Activity.getExecutionContext(), "restoring " + path);
    try (InputStream tar = beats.counting(store.open(file))) {
      clients
          .forHost(host)
          .copyArchiveToContainerCmd(containerId)
          .withRemotePath(path)
          .withTarInputStream(tar)
          .exec();
    } catch (NotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "container " + containerId + " or its " + path + " is missing on " + host,
          "ContainerMissing",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void removeVolume(String host, String name) {
    try {
      clients.forHost(host).removeVolumeCmd(name).exec();
    } catch (NotFoundException gone) {
      // an earlier attempt removed it
    }
  }

  private String sha256(String file, Heartbeats beats) throws IOException {
    try (InputStream in = beats.counting(store.open(file))) {
      return HashingCount.sha256Of(in);
    }
  }

  private static String kept(StringBuilder output) {
    synchronized (output) {
      String s = output.toString().trim();
      return s.length() <= OUTPUT_KEPT ? s : "..." + s.substring(s.length() - OUTPUT_KEPT);
    }
  }

  /** Keeps the command's output (its end, if long) for the error message. */
  private static final class Collect extends ResultCallback.Adapter<Frame> {
    private final StringBuilder output;

    Collect(StringBuilder output) {
      this.output = output;
    }

    @Override
    public void onNext(Frame frame) {
      synchronized (output) {
        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        if (output.length() > 4 * OUTPUT_KEPT) {
          output.delete(0, output.length() - OUTPUT_KEPT);
        }
      }
    }
  }
}

package dev.baton.activities.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The folder backups are written to ({@code baton.backups.dir}), one file per backup at {@code
 * <app>/<volume>/<id>.tar}. A file is written under a temporary name of its own attempt, flushed to
 * disk and renamed into place, so the final name only ever holds a complete file.
 */
@Component
public class BackupStore {
  private static final String PART = ".part-";

  /** What writing a backup's bytes does. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** A file in place: its size and the SHA-256 of its bytes. */
  public record Stored(long sizeBytes, String sha256) {}

  private final Path root;

  public BackupStore(@Value("${baton.backups.dir:${BATON_STATE_DIR:.stack}/backups}") String root) {
    this.root = Path.of(root).toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The absolute path of {@code file} ({@code app/volume/id.tar}); never outside the store. */
  public Path resolve(String file) {
    Path path = root.resolve(file).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("backup file " + file + " is outside the store");
    }
    return path;
  }

  /** True when {@code file} is in place: complete, whatever attempt wrote it. */
  public boolean exists(String file) {
    return Files.exists(resolve(file));
  }

  public long size(String file) throws IOException {
    return Files.size(resolve(file));
  }

  /**
   * Writes {@code file} through {@code writer} under the temporary name of this {@code attempt}
   * (those of earlier attempts are removed), then renames it into place.
   */
  public Stored write(String file, int attempt, Writer writer) throws IOException {
    Path target = resolve(file);
    Files.createDirectories(target.getParent());
    removeParts(target);
    Path part = target.resolveSibling(target.getFileName() + PART + attempt);
    Stored stored;
    try (FileChannel channel =
            FileChannel.open(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        OutputStream raw = Channels.newOutputStream(channel);
        HashingCount out = new HashingCount(new BufferedOutputStream(raw, 1 << 16))) {
      writer.write(out);
      out.flush();
      channel.force(true); // on disk before it gets its final name
      stored = new Stored(out.count(), out.sha256());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(part);
      throw e;
    }
    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      dir.force(true); // the rename itself survives a power cut
    }
    return stored;
  }

  /** The stored file's bytes; {@code NoSuchFileException} when it is not there. */
  public InputStream open(String file) throws IOException {
    return Files.newInputStream(resolve(file));
  }

  /** Temporary files of attempts that died mid-write: never counted, so removed. */
  private static void removeParts(Path target) throws IOException {
    String glob = target.getFileName() + PART + "*";
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(target.getParent(), glob)) {
      for (Path p : parts) {
        Files.deleteIfExists(p);
      }
    }
  }
}

package dev.baton.activities.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A backup's tar holds the volume's contents relative to the volume ({@code ./}, {@code
 * appendonly.aof}), not to where one service mounted it: the Engine's archive of {@code /data}
 * names its entries {@code data/...}, so the first path component is dropped on the way into the
 * store. The file then restores into any mount target, and {@code tar -x -C dir} restores it by
 * hand.
 */
final class VolumeTar {
  private static final int BUFFER = 64 * 1024;

  private VolumeTar() {}

  /** Copies the Engine's archive of a directory to {@code out} with entries relative to it. */
  static void rebase(InputStream engineTar, OutputStream out) throws IOException {
    TarArchiveInputStream in = new TarArchiveInputStream(engineTar);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    byte[] buffer = new byte[BUFFER];
    for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
      entry.setName(relative(entry.getName(), entry.isDirectory()));
      if (entry.isLink()) {
        entry.setLinkName(relative(entry.getLinkName(), false)); // a hard link names a member
      }
      tar.putArchiveEntry(entry);
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        tar.write(buffer, 0, n);
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
  }

  /** {@code data/x/y} → {@code x/y}; the directory itself, {@code data/}, → {@code ./}. */
  static String relative(String name, boolean directory) {
    int slash = name.indexOf('/');
    String rest = slash < 0 ? "" : name.substring(slash + 1);
    if (rest.isEmpty() || rest.equals("/")) {
      return "./";
    }
    return directory && !rest.endsWith("/") ? rest + "/" : rest;
  }
}

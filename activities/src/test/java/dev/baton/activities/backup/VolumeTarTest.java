package dev.baton.activities.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class VolumeTarTest {

  /** A tar as the Engine answers GET /containers/{id}/archive?path=/data. */
  private static byte[] engineTar() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry root = new TarArchiveEntry("data/");
      root.setMode(040700);
      root.setIds(999, 999);
      tar.putArchiveEntry(root);
      tar.closeArchiveEntry();
      byte[] aof = "SET k1 v1\n".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry file = new TarArchiveEntry("data/appendonlydir/a.aof");
      file.setSize(aof.length);
      file.setIds(999, 999);
      tar.putArchiveEntry(file);
      tar.write(aof);
      tar.closeArchiveEntry();
      TarArchiveEntry link = new TarArchiveEntry("data/b.aof", TarArchiveEntry.LF_LINK);
      link.setLinkName("data/appendonlydir/a.aof");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  @Test
  void entriesAreMadeRelativeToTheVolumeKeepingOwnersModesAndContents() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VolumeTar.rebase(new ByteArrayInputStream(engineTar()), out);

    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName() + (e.isLink() ? " -> " + e.getLinkName() : ""));
        if (e.getName().equals("./")) {
          assertThat(e.getMode() & 07777).isEqualTo(0700);
          assertThat(e.getLongUserId()).isEqualTo(999);
        }
        if (e.getName().equals("appendonlydir/a.aof")) {
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .isEqualTo("SET k1 v1\n");
        }
      }
    }
    assertThat(names).containsExactly("./", "appendonlydir/a.aof", "b.aof -> appendonlydir/a.aof");
  }

  @Test
  void theFirstComponentIsDropped() {
    assertThat(VolumeTar.relative("data/", true)).isEqualTo("./");
    assertThat(VolumeTar.relative("data", true)).isEqualTo("./");
    assertThat(VolumeTar.relative("data/x", true)).isEqualTo("x/");
    assertThat(VolumeTar.relative("data/x/y.txt", false)).isEqualTo("x/y.txt");
  }
}

package dev.baton.activities.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupStoreTest {
  private static final String FILE = "shop/data/20250301-142233-5f0a9c.tar";

  @TempDir Path dir;

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private Stream<String> names() throws IOException {
    return Files.list(dir.resolve("shop/data")).map(p -> p.getFileName().toString()).sorted();
  }

  @Test
  void aFileGetsItsNameOnlyWhenCompleteWithTheChecksumOfWhatWasWritten() throws Exception {
    BackupStore store = new BackupStore(dir.toString());
    byte[] bytes = "volume contents".getBytes(StandardCharsets.UTF_8);

    BackupStore.Stored stored = store.write(FILE, 1, out -> out.write(bytes));

    assertThat(stored.sizeBytes()).isEqualTo(bytes.length);
    assertThat(stored.sha256()).isEqualTo(sha256(bytes));
    assertThat(names()).containsExactly("20250301-142233-5f0a9c.tar");
    try (InputStream in = store.open(FILE)) {
      assertThat(sha256(in.readAllBytes())).isEqualTo(stored.sha256());
    }
  }

  @Test
  void aWriteThatFailsLeavesNothingAndTheNextAttemptRemovesAnEarlierOnesLeftovers()
      throws Exception {
    BackupStore store = new BackupStore(dir.toString());
    assertThatThrownBy(
            () ->
                store.write(
                    FILE,
                    1,
                    out -> {
                      out.write(new byte[1000]);
                      throw new IOException("engine went away");
                    }))
        .hasMessageContaining("engine went away");
    assertThat(store.exists(FILE)).isFalse();
    assertThat(names()).isEmpty();

    // A worker killed mid-write leaves its part behind; the retry removes it.
    Files.write(dir.resolve(FILE + ".part-2"), new byte[10]);
    store.write(FILE, 3, out -> out.write(1));
    assertThat(names()).containsExactly("20250301-142233-5f0a9c.tar");
  }

  @Test
  void pathsOutsideTheStoreAreRefused() {
    BackupStore store = new BackupStore(dir.toString());
    assertThatThrownBy(() -> store.resolve("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.resolve(FILE)).isEqualTo(dir.resolve(FILE));
  }
}

package dev.baton.activities.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.activities.secrets.SecretStore;
import dev.baton.workflows.model.FileMount.Kind;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The encrypted store on a real PostgreSQL: what is stored is not the value, a row moved onto
 * another's identity does not decrypt, and a key rotation (new key, old one listed as previous)
 * re-encrypts every row so the old key can then be dropped.
 */
@SpringBootTest(classes = StateTestApplication.class)
class SecretStoreIT {
  static final TestDatabase DB = TestDatabase.fromEnvironment();
  static final String SCHEMA = "baton_it_" + UUID.randomUUID().toString().replace("-", "");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> DB.withParameter("currentSchema", SCHEMA));
    registry.add("spring.datasource.username", DB::user);
    registry.add("spring.datasource.password", DB::password);
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.default-schema", () -> SCHEMA);
    registry.add("spring.jpa.hibernate.ddl-auto", () -> "validate");
  }

  @AfterAll
  static void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(DB.jdbcUrl(), DB.user(), DB.password());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Autowired SecretRepository rows;
  @Autowired JdbcTemplate sql;

  private static String newKey() {
    byte[] raw = new byte[32];
    new java.security.SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aValueIsStoredEncryptedOncePerDigestAndReadBackByItsReference() {
    SecretStore store = new SecretStore(rows, newKey(), List.of());
    String value = "pw-" + UUID.randomUUID();

    String digest = store.put("shop", Kind.SECRET, "db", bytes(value));
    assertThat(store.put("shop", Kind.SECRET, "db", bytes(value))).isEqualTo(digest);
    String other = store.put("shop", Kind.SECRET, "db", bytes("another"));

    assertThat(other).isNotEqualTo(digest);
    assertThat(store.read("shop", Kind.SECRET, "db", digest)).hasValue(bytes(value));
    assertThat(store.latestDigest("shop", Kind.SECRET, "db")).hasValue(other);
    assertThat(sql.queryForObject("SELECT count(*) FROM secrets", Integer.class)).isEqualTo(2);
    byte[] stored =
        sql.queryForObject("SELECT ciphertext FROM secrets WHERE digest = ?", byte[].class, digest);
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(value);

    // A ciphertext moved onto another row's identity fails its authentication tag.
    sql.update(
        "UPDATE secrets SET ciphertext = (SELECT ciphertext FROM secrets WHERE digest = ?),"
            + " nonce = (SELECT nonce FROM secrets WHERE digest = ?) WHERE digest = ?",
        digest,
        digest,
        other);
    assertThatThrownBy(() -> store.read("shop", Kind.SECRET, "db", other))
        .hasMessageContaining("cannot decrypt")
        .hasMessageNotContaining(value);
  }

  @Test
  void aRotationReEncryptsEveryRowUnderTheNewKeySoTheOldOneCanGo() {
    String oldKey = newKey();
    String newKey = newKey();
    SecretStore before = new SecretStore(rows, oldKey, List.of());
    String d1 = before.put("rot", Kind.SECRET, "a", bytes("value-a"));
    String d2 = before.put("rot", Kind.CONFIG, "b", bytes("value-b"));

    // Only the new key: the old rows cannot be read, and say which key they need.
    SecretStore newOnly = new SecretStore(rows, newKey, List.of());
    assertThatThrownBy(() -> newOnly.read("rot", Kind.SECRET, "a", d1))
        .hasMessageContaining("baton.secrets.previous-keys");

    SecretStore rotating = new SecretStore(rows, newKey, List.of(oldKey));
    assertThat(rotating.rotate()).isGreaterThanOrEqualTo(2);
    assertThat(rotating.rotate()).isZero();

    SecretStore after = new SecretStore(rows, newKey, List.of());
    assertThat(after.read("rot", Kind.SECRET, "a", d1)).hasValue(bytes("value-a"));
    assertThat(after.read("rot", Kind.CONFIG, "b", d2)).hasValue(bytes("value-b"));
    assertThat(
            sql.queryForObject(
                "SELECT count(DISTINCT key_id) FROM secrets WHERE scope = 'rot'", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void aKeyThatIsNot32BytesOfBase64IsRefusedAtStart() {
    assertThatThrownBy(() -> new SecretStore(rows, "c2hvcnQ=", List.of()))
        .hasMessageContaining("must be 32 bytes");
    assertThatThrownBy(() -> new SecretStore(rows, "not base64!", List.of()))
        .hasMessageContaining("not base64");
  }
}

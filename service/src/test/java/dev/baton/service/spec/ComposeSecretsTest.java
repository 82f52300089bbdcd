package dev.baton.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.workflows.model.FileMount;
import dev.baton.workflows.model.FileMount.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Compose secrets and configs, and relative binds of files sent with the request. */
class ComposeSecretsTest {

  private static final String FILE =
      """
      services:
        db:
          image: postgres:16
          secrets:
            - db_password
            - {source: api_key, target: key.txt, uid: "999", gid: "999", mode: 0400}
          configs:
            - {source: settings, target: /etc/app/settings.ini}
          volumes:
            - ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro
      secrets:
        db_password: {file: ./secrets/db_password.txt}
        api_key: {environment: API_KEY}
      configs:
        settings: {content: "mode=${MODE}"}
      """;

  private static final Map<String, String> FILES =
      Map.of("./secrets/db_password.txt", "s3cr3t-pw\n", "init.sql", "CREATE TABLE t (i int);");

  private final ComposeParser parser = new ComposeParser();

  private static ComposeInput input(String yaml, Map<String, String> files) {
    return new ComposeInput(yaml, Map.of("API_KEY", "k-123", "MODE", "fast"), null, files, null);
  }

  @Test
  void theSpecCarriesReferencesAndTheValuesComeAsideToBeStored() {
    ParsedApp parsed = parser.parse("shop", input(FILE, FILES));

    List<FileMount> files = parsed.spec().service("db").fileMounts();
    assertThat(files)
        .extracting(FileMount::kind, FileMount::name, FileMount::target, FileMount::mode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Kind.SECRET, "db_password", "/run/secrets/db_password", 0444),
            org.assertj.core.groups.Tuple.tuple(
                Kind.SECRET, "api_key", "/run/secrets/key.txt", 0400),
            org.assertj.core.groups.Tuple.tuple(
                Kind.CONFIG, "settings", "/etc/app/settings.ini", 0444),
            org.assertj.core.groups.Tuple.tuple(
                Kind.CONFIG, "file:init.sql", "/docker-entrypoint-initdb.d/init.sql", 0444));
    assertThat(files.get(1).uid()).isEqualTo("999");
    assertThat(files).allMatch(f -> f.scope().equals("shop") && f.digest().startsWith("hmac:"));
    assertThat(parsed.spec().service("db").volumeMounts()).isEmpty();

    assertThat(parsed.secrets())
        .extracting(v -> v.name() + "=" + new String(v.value(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder(
            "db_password=s3cr3t-pw\n",
            "api_key=k-123",
            "settings=mode=fast",
            "file:init.sql=CREATE TABLE t (i int);");
    // Neither the spec (a workflow payload) nor the kept file holds a value.
    assertThat(parsed.canonicalJson()).doesNotContain("s3cr3t-pw").doesNotContain("k-123");
    assertThat(parsed.resolved()).doesNotContain("s3cr3t-pw").doesNotContain("k-123");
  }

  @Test
  void aChangedValueChangesTheDigestAndSoTheRevision() {
    ParsedApp before = parser.parse("shop", input(FILE, FILES));
    ParsedApp same = parser.parse("shop", input(FILE, FILES));
    ParsedApp changed =
        parser.parse(
            "shop", input(FILE, Map.of("./secrets/db_password.txt", "other\n", "init.sql", "x")));

    assertThat(same.digest()).isEqualTo(before.digest());
    assertThat(changed.digest()).isNotEqualTo(before.digest());
  }

  @Test
  void whatIsMissingIsAnErrorAtItsLine() {
    String file =
        """
        services:
          db:
            image: postgres:16
            secrets: [db_password, nope]
            configs: [{source: settings, mode: "9"}]
        secrets:
          db_password: {file: ./pw.txt}
          api_key: {environment: UNSET_KEY}
          vault: {external: true}
        configs:
          settings: {content: x}
        """;
    assertThat(errors(parser, input(file, Map.of())))
        .containsExactly(
            new SpecError(
                "services.db.secrets[1]",
                4,
                "services.db.secrets[1]: secret 'nope' is not declared under top-level secrets"),
            new SpecError(
                "services.db.configs[0].mode",
                5,
                "services.db.configs[0].mode: must be an octal file mode such as 0440"),
            new SpecError(
                "secrets.db_password",
                7,
                "secrets.db_password: file './pw.txt' was not sent with the request (the CLI sends"
                    + " it; over the API put its content in files)"),
            new SpecError("secrets.api_key", 8, "secrets.api_key: variable UNSET_KEY is not set"),
            new SpecError(
                "secrets.vault.external",
                9,
                "secrets.vault.external: secret 'vault' is not stored: an admin puts it first"
                    + " (PUT /api/v1/secrets/vault)"));
  }

  @Test
  void aFileNotSentAgainKeepsTheStoredValueWithAWarningAndExternalOnesComeFromTheStore() {
    SecretValues stored =
        new SecretValues() {
          @Override
          public boolean enabled() {
            return true;
          }

          @Override
          public String digest(Kind kind, String name, byte[] value) {
            return "hmac:new";
          }

          @Override
          public Optional<String> latest(String scope, Kind kind, String name) {
            return Optional.of("hmac:" + (scope.isEmpty() ? "ext-" : "app-") + name);
          }
        };
    String file =
        """
        services:
          db:
            image: postgres:16
            secrets: [db_password, vault]
        secrets:
          db_password: {file: ./pw.txt}
          vault: {external: true, name: shared-vault}
        """;
    ParsedApp parsed = new ComposeParser(List.of(), stored).parse("shop", input(file, Map.of()));

    assertThat(parsed.spec().service("db").fileMounts())
        .extracting(FileMount::scope, FileMount::name, FileMount::digest)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("shop", "db_password", "hmac:app-db_password"),
            org.assertj.core.groups.Tuple.tuple("", "shared-vault", "hmac:ext-shared-vault"));
    assertThat(parsed.secrets()).isEmpty();
    assertThat(parsed.warnings())
        .extracting(SpecError::message)
        .containsExactly(
            "secrets.db_password: file './pw.txt' was not sent with the request (the CLI sends"
                + " it; over the API put its content in files): the value stored by an earlier"
                + " deploy is used");
  }

  @Test
  void withoutASecretsKeyAFileWithSecretsIsRefused() {
    SecretValues none =
        new SecretValues() {
          @Override
          public boolean enabled() {
            return false;
          }

          @Override
          public String digest(Kind kind, String name, byte[] value) {
            throw new AssertionError("no key");
          }

          @Override
          public Optional<String> latest(String scope, Kind kind, String name) {
            return Optional.empty();
          }
        };
    assertThat(errors(new ComposeParser(List.of(), none), input(FILE, FILES)))
        .extracting(SpecError::message)
        .contains(
            "secrets: Baton has no secrets key (baton.secrets.key): an admin sets one before"
                + " files with secrets can be deployed");
  }

  @Test
  void aReadOnlyServiceCannotTakeFilesWrittenIntoIt() {
    String file =
        """
        services:
          web:
            image: nginx
            read_only: true
            configs: [site]
        configs:
          site: {content: x}
        """;
    assertThat(errors(parser, input(file, Map.of())))
        .extracting(SpecError::message)
        .containsExactly(
            "services.web.read_only: secrets, configs and bound files are written into the"
                + " container's filesystem, which read_only forbids; drop read_only or bake the"
                + " files into the image");
  }

  private static List<SpecError> errors(ComposeParser parser, ComposeInput input) {
    return catchThrowableOfType(SpecException.class, () -> parser.parse("shop", input)).errors();
  }
}

package dev.baton.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates for a TLS Docker engine, made with the openssl CLI: a CA, a server certificate for
 * 127.0.0.1, a client certificate signed by the CA and a "wrong" client certificate signed by
 * another CA. Each side gets a folder in Docker's layout (ca.pem, cert.pem, key.pem).
 */
final class TlsCertificates {
  final Path server;
  final Path client;
  final Path wrongClient;

  private TlsCertificates(Path server, Path client, Path wrongClient) {
    this.server = server;
    this.client = client;
    this.wrongClient = wrongClient;
  }

  static TlsCertificates create(Path dir) throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    ca(work, "ca", "baton-test-ca");
    ca(work, "other-ca", "some-other-ca");
    signed(
        work,
        "server",
        "127.0.0.1",
        "ca",
        "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth");
    signed(work, "client", "baton", "ca", "extendedKeyUsage=clientAuth");
    signed(work, "wrong", "baton", "other-ca", "extendedKeyUsage=clientAuth");
    return new TlsCertificates(
        folder(dir.resolve("server"), work, "ca", "server"),
        folder(dir.resolve("client"), work, "ca", "client"),
        // The right CA (the engine's certificate verifies) with a client certificate it never
        // signed.
        folder(dir.resolve("wrong-client"), work, "ca", "wrong"));
  }

  private static void ca(Path work, String name, String cn) {
    openssl(
        work,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=" + cn,
        "-keyout",
        name + "-key.pem",
        "-out",
        name + ".pem");
  }

  private static void signed(Path work, String name, String cn, String ca, String extensions)
      throws IOException {
    Files.writeString(work.resolve(name + ".ext"), extensions + "\n");
    openssl(
        work,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=" + cn,
        "-keyout",
        name + "-key.pem",
        "-out",
        name + ".csr");
    openssl(
        work,
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-days",
        "2",
        "-CA",
        ca + ".pem",
        "-CAkey",
        ca + "-key.pem",
        "-CAcreateserial",
        "-extfile",
        name + ".ext",
        "-out",
        name + "-cert.pem");
  }

  private static Path folder(Path target, Path work, String ca, String name) throws IOException {
    Files.createDirectories(target);
    Files.copy(work.resolve(ca + ".pem"), target.resolve("ca.pem"));
    Files.copy(work.resolve(name + "-cert.pem"), target.resolve("cert.pem"));
    Files.copy(work.resolve(name + "-key.pem"), target.resolve("key.pem"));
    return target;
  }

  private static void openssl(Path work, String... args) {
    List<String> command =
        new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec openssl \"$@\"", work.toString()));
    command.addAll(List.of(args));
    Cli.Result r = Cli.run(command, 60);
    assertThat(r.exit()).as("openssl %s: %s", String.join(" ", args), r.output()).isZero();
  }
}

package dev.baton.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.Mount.Type;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy.Order;
import dev.baton.workflows.model.VolumeSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeVolumesTest {

  private final ComposeParser parser = new ComposeParser();
  private final ComposeParser allowingSrv =
      new ComposeParser(List.of("/srv/shared/"), SecretValues.ephemeral());

  @Test
  void namedVolumesTakeDefaultsOrWhatTheFileSays() {
    ParsedApp parsed =
        parser.parse(
            "shop",
            """
            services:
              db:
                image: postgres:16
                volumes:
                  - data:/var/lib/postgresql/data
                  - logs:/logs:ro
            volumes:
              data:
              logs:
                name: shop-logs
                driver: local
                driver_opts: {type: none, o: bind, device: /mnt/logs}
                labels: [team=shop]
            """);
    VolumeSpec data = new VolumeSpec("baton-shop_data", "local", Map.of(), Map.of(), false);
    VolumeSpec logs =
        new VolumeSpec(
            "shop-logs",
            "local",
            Map.of("type", "none", "o", "bind", "device", "/mnt/logs"),
            Map.of("team", "shop"),
            false);
    assertThat(parsed.spec().service("db").volumeMounts())
        .containsExactly(
            new Mount(
                Type.VOLUME, "data", "/var/lib/postgresql/data", false, false, 0, data, false),
            new Mount(Type.VOLUME, "logs", "/logs", true, false, 0, logs, false));
    assertThat(parsed.warnings()).isEmpty();
  }

  @Test
  void externalVolumesAreNamedAndNeverMade() {
    ServiceSpec db =
        service(
            parser,
            """
            services:
              db:
                image: postgres:16
                volumes: [cache:/cache, old:/old]
            volumes:
              cache:
                external: true
              old:
                external: true
                name: legacy-data
            """,
            "db");
    assertThat(db.volumeMounts())
        .extracting(Mount::volume)
        .containsExactly(
            new VolumeSpec("cache", null, Map.of(), Map.of(), true),
            new VolumeSpec("legacy-data", null, Map.of(), Map.of(), true));
    assertThat(
            errors(
                parser,
                """
                services:
                  db: {image: postgres:16, volumes: [cache:/cache]}
                volumes:
                  cache:
                    external: true
                    driver: local
                """))
        .containsExactly(
            new SpecError(
                "volumes.cache.driver",
                6,
                "volumes.cache.driver: an external volume is made outside Baton, which never"
                    + " creates it: drop driver"));
  }

  @Test
  void aDriverOtherThanLocalIsRefusedByName() {
    assertThat(
            errors(
                parser,
                """
                services:
                  db: {image: postgres:16, volumes: [data:/data]}
                volumes:
                  data:
                    driver: rexray/ebs
                """))
        .containsExactly(
            new SpecError(
                "volumes.data.driver",
                5,
                "volumes.data.driver: driver 'rexray/ebs' is not supported: Baton makes volumes"
                    + " with the engine's local driver only (its driver_opts can mount NFS or a"
                    + " device)"));
  }

  @Test
  void volumePerReplicaGivesEachSlotItsOwn() {
    ParsedApp parsed =
        parser.parse(
            "shop",
            """
            services:
              cache:
                image: redis:7
                volumes: [data:/data, /tmp/scratch]
                deploy: {replicas: 3}
                x-baton: {volume_per_replica: true}
            volumes:
              data:
            """);
    Mount data = parsed.spec().service("cache").volumeMounts().get(0);
    assertThat(data.perSlot()).isTrue();
    assertThat(data.dockerName(2)).isEqualTo("baton-shop_data-2");
    assertThat(parsed.warnings())
        .extracting(SpecError::message)
        .containsExactly(
            "services.cache.volumes[1]: anonymous volume at /tmp/scratch: its data goes with the"
                + " container; use a named volume to keep it");
  }

  @Test
  void longSyntaxReadsReadOnlyNoCopyAndTmpfsSize() {
    ServiceSpec web =
        service(
            allowingSrv,
            """
            services:
              web:
                image: nginx
                volumes:
                  - type: volume
                    source: assets
                    target: /assets
                    read_only: true
                    volume: {nocopy: true}
                  - type: tmpfs
                    target: /run/cache
                    tmpfs: {size: 64m}
                  - type: bind
                    source: /srv/shared/certs
                    target: /certs
                    consistency: cached
                    bind: {create_host_path: true}
            volumes:
              assets:
            """,
            "web");
    VolumeSpec assets = new VolumeSpec("baton-demo_assets", "local", Map.of(), Map.of(), false);
    assertThat(web.volumeMounts())
        .containsExactly(
            new Mount(Type.VOLUME, "assets", "/assets", true, true, 0, assets, false),
            new Mount(Type.TMPFS, "", "/run/cache", false, false, 64L << 20, null, false),
            new Mount(Type.BIND, "/srv/shared/certs", "/certs", false, false, 0, null, false));
  }

  @Test
  void relativeBindsOfWhatWasNotSentAreRefusedWithWhy() {
    String why =
        "relative bind of '%s', which was not sent with the request: a file is (the CLI sends the"
            + " files it binds; over the API put them in files) and becomes a config; a directory"
            + " is refused, as Baton runs the app on other hosts than the file: the image should"
            + " carry the code, a named volume the data";
    assertThat(
            errors(
                allowingSrv,
                """
                services:
                  web:
                    image: nginx
                    volumes:
                      - ./nginx.conf:/etc/nginx/nginx.conf:ro
                      - ~/site:/usr/share/nginx/html
                      - {type: bind, source: ../data, target: /data}
                """))
        .containsExactly(
            new SpecError(
                "services.web.volumes[0]",
                5,
                "services.web.volumes[0]: " + why.formatted("./nginx.conf")),
            new SpecError(
                "services.web.volumes[1]",
                6,
                "services.web.volumes[1]: " + why.formatted("~/site")),
            new SpecError(
                "services.web.volumes[2]",
                7,
                "services.web.volumes[2]: " + why.formatted("../data")));
  }

  @Test
  void absoluteBindMountsOnlyUnderAnAllowedPrefix() {
    String file = "services:\n  web:\n    image: nginx\n    volumes: ['%s:/data']\n";
    assertThat(errors(parser, file.formatted("/var/run/docker.sock")))
        .extracting(SpecError::message)
        .containsExactly(
            "services.web.volumes[0]: host path /var/run/docker.sock is not under any of"
                + " baton.volumes.bind-prefixes (none set): a named volume keeps data across"
                + " instances; an admin can allow a host path prefix in"
                + " baton.volumes.bind-prefixes");
    assertThat(errors(allowingSrv, file.formatted("/srv/sharedother")))
        .extracting(SpecError::message)
        .singleElement()
        .asString()
        .contains(
            "host path /srv/sharedother is not under any of baton.volumes.bind-prefixes"
                + " (/srv/shared)");
    assertThat(errors(allowingSrv, file.formatted("/srv/shared/../../etc")))
        .extracting(SpecError::message)
        .singleElement()
        .asString()
        .contains("host path /etc is not under");
    ServiceSpec inside = service(allowingSrv, file.formatted("/srv/shared/a/./../b//c"), "web");
    assertThat(inside.volumeMounts())
        .containsExactly(
            new Mount(Type.BIND, "/srv/shared/b/c", "/data", false, false, 0, null, false));
    assertThat(inside.holdsVolumes()).isFalse();
  }

  @Test
  void bindPrefixesMustBeAbsolute() {
    assertThatThrownBy(() -> new ComposeParser(List.of("srv/data"), SecretValues.ephemeral()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baton.volumes.bind-prefixes: 'srv/data' is not an absolute path");
  }

  @Test
  void aVolumeMustBeDeclaredAndEveryEntryWellFormed() {
    assertThat(
            errors(
                parser,
                """
                services:
                  web:
                    image: nginx
                    volumes:
                      - data:/data
                      - :/empty
                      - cache:relative
                      - cache:/a:shared
                      - {type: volume, source: cache}
                      - cache:/a
                      - cache:/a:ro
                volumes:
                  cache:
                """))
        .extracting(SpecError::message)
        .containsExactly(
            "services.web.volumes[0]: volume 'data' is not declared under top-level volumes",
            "services.web.volumes[1]: has no source (a volume declared under top-level volumes)",
            "services.web.volumes[2]: target 'relative' must be an absolute path in the container",
            "services.web.volumes[3]: 'shared' is not a mode Baton knows (ro, rw, nocopy, cached,"
                + " delegated, consistent, z, Z)",
            "services.web.volumes[4]: has no target (the path in the container)",
            "services.web.volumes[6]: target /a is mounted twice");
  }

  @Test
  void aServiceHoldingAVolumeIsReplacedStopFirst() {
    ParsedApp parsed =
        parser.parse(
            "shop",
            """
            services:
              db:
                image: postgres:16
                volumes: [data:/data]
                deploy:
                  replicas: 2
                  update_config:
                    order: start-first
            volumes:
              data:
            """);
    ServiceSpec db = parsed.spec().service("db");
    assertThat(db.update().order()).isEqualTo(Order.STOP_FIRST);
    assertThat(db.rollback().order()).isEqualTo(Order.STOP_FIRST);
    assertThat(parsed.warnings())
        .containsExactly(
            new SpecError(
                "services.db.volumes",
                4,
                "services.db.volumes: 2 replicas share volume data: all are placed on its one"
                    + " host (x-baton.volume_per_replica: true gives each replica its own)"),
            new SpecError(
                "services.db.deploy.update_config.order",
                8,
                "services.db.deploy.update_config.order: a service holding volume(s) data is"
                    + " replaced stop-first: never two writers"));
  }

  @Test
  void desktopModesAreAcceptedAndSelinuxRelabelIsIgnoredWithAWarning() {
    ParsedApp parsed =
        parser.parse(
            "shop",
            """
            services:
              web:
                image: nginx
                volumes:
                  - data:/a:cached
                  - data:/b:delegated
                  - data:/c:ro,consistent
                  - data:/d:z
            volumes:
              data:
            """);
    assertThat(parsed.spec().service("web").volumeMounts())
        .extracting(Mount::target, Mount::readOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/a", false),
            org.assertj.core.groups.Tuple.tuple("/b", false),
            org.assertj.core.groups.Tuple.tuple("/c", true),
            org.assertj.core.groups.Tuple.tuple("/d", false));
    assertThat(parsed.warnings())
        .extracting(SpecError::message)
        .containsExactly(
            "services.web.volumes[3]: ignored: SELinux relabel 'z' is not applied (label the"
                + " host path on the host if SELinux denies it)");
  }

  private static ServiceSpec service(ComposeParser parser, String yaml, String name) {
    return parser.parse("demo", yaml).spec().service(name);
  }

  private static List<SpecError> errors(ComposeParser parser, String yaml) {
    return catchThrowableOfType(SpecException.class, () -> parser.parse("demo", yaml)).errors();
  }
}

package dev.baton.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.HttpProbe;
import dev.baton.workflows.model.NetworkAttachment;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.Resources;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy;
import dev.baton.workflows.model.UpdatePolicy.FailureAction;
import dev.baton.workflows.model.UpdatePolicy.Order;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeParserTest {

  private final ComposeParser parser = new ComposeParser();

  private static final String FULL =
      """
      name: shop
      x-baton:
        progress_deadline: 15m
      services:
        web:
          image: 127.0.0.1:5000/shop/web:v2
          command: ["serve", "--port", "8080"]
          entrypoint: /bin/app --verbose 'two words'
          environment:
            MODE: production
            WORKERS: 4
            DEBUG: false
            RATIO: 1.50
          ports:
            - "8080"
            - "127.0.0.1::9090"
            - target: 9091
              host_ip: 127.0.0.1
              protocol: udp
          healthcheck:
            test: ["CMD", "wget", "-q", "-O-", "http://localhost:8080/health"]
            interval: 10s
            timeout: 2s
            retries: 5
            start_period: 1m30s
          depends_on:
            api:
              condition: service_healthy
          labels:
            - com.example.team=shop
            - com.example.flag
          init: true
          stop_grace_period: 45s
          x-baton:
            probe:
              path: /ready
              port: 8080
              interval: 500ms
              timeout: 2s
              retries: 10
          deploy:
            replicas: 3
            update_config:
              parallelism: 2
              delay: 5s
              failure_action: pause
              monitor: 30s
              max_failure_ratio: 0.25
              order: start-first
            rollback_config:
              parallelism: 0
              delay: 1s
              failure_action: continue
              monitor: 10s
              max_failure_ratio: 0.5
              order: stop-first
            placement:
              constraints:
                - node.hostname==host-a
                - node.labels.zone != eu-1
            resources:
              limits:
                cpus: "1.5"
                memory: 512m
              reservations:
                cpus: 0.25
                memory: "100k"
        api:
          image: ghcr.io/acme/api:1.0
          command: sh -c "exec api --listen :80"
          environment:
            - DB_URL=postgres://db/shop?x=1
            - EMPTY=
          ports:
            - "8000:80"
          healthcheck:
            test: curl -f http://localhost/ || exit 1
          depends_on: [db]
        db:
          image: postgres:16
      """;

  @Test
  void fullExampleMapsEveryKey() {
    ParsedApp parsed = parser.parse("shop", FULL);
    AppSpec spec = parsed.spec();

    assertThat(spec.app()).isEqualTo("shop");
    assertThat(spec.progressDeadlineMillis()).isEqualTo(15 * 60_000L);
    assertThat(spec.services()).extracting(ServiceSpec::name).containsExactly("db", "api", "web");

    ServiceSpec web = spec.service("web");
    assertThat(web)
        .isEqualTo(
            new ServiceSpec(
                "web",
                "127.0.0.1:5000/shop/web:v2",
                List.of("serve", "--port", "8080"),
                List.of("/bin/app", "--verbose", "two words"),
                Map.of("MODE", "production", "WORKERS", "4", "DEBUG", "false", "RATIO", "1.50"),
                List.of(
                    new PortSpec(8080, 0, "", "tcp"),
                    new PortSpec(9090, 0, "127.0.0.1", "tcp"),
                    new PortSpec(9091, 0, "127.0.0.1", "udp")),
                new HealthCheck(
                    List.of("CMD", "wget", "-q", "-O-", "http://localhost:8080/health"),
                    10_000,
                    2_000,
                    5,
                    90_000,
                    false),
                new HttpProbe("/ready", 8080, 500, 2_000, 10),
                List.of("api"),
                Map.of("com.example.team", "shop", "com.example.flag", ""),
                3,
                new UpdatePolicy(2, 5_000, FailureAction.PAUSE, 30_000, 0.25, Order.START_FIRST),
                new UpdatePolicy(0, 1_000, FailureAction.CONTINUE, 10_000, 0.5, Order.STOP_FIRST),
                List.of("node.hostname==host-a", "node.labels.zone!=eu-1"),
                new Resources(1.5, 512L * 1024 * 1024, 0.25, 100 * 1024),
                true,
                45_000,
                null,
                null,
                null,
                false,
                false,
                null,
                null));
    assertThat(web.environment().keySet()).containsExactly("DEBUG", "MODE", "RATIO", "WORKERS");

    ServiceSpec api = spec.service("api");
    assertThat(api.command()).containsExactly("sh", "-c", "exec api --listen :80");
    assertThat(api.entrypoint()).isEmpty();
    assertThat(api.environment())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("DB_URL", "postgres://db/shop?x=1", "EMPTY", ""));
    assertThat(api.ports()).containsExactly(new PortSpec(80, 8000, "", "tcp"));
    assertThat(api.healthcheck())
        .isEqualTo(
            new HealthCheck(
                List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"),
                30_000,
                30_000,
                3,
                0,
                false));
    assertThat(api.dependsOn()).containsExactly("db");

    assertThat(parsed.digest()).matches("sha256:[0-9a-f]{64}");
    assertThat(parsed.canonicalJson()).startsWith("{\"app\":\"shop\"").doesNotContain("\n");
    assertThat(ComposeParser.digest(parsed.canonicalJson())).isEqualTo(parsed.digest());
  }

  @Test
  void defaultsWhereTheSpecIsSilent() {
    AppSpec spec =
        parser
            .parse(
                "demo",
                """
                services:
                  web:
                    image: nginx
                    healthcheck:
                      test: ["CMD-SHELL", "true"]
                    ports: [80]
                    x-baton:
                      probe: {}
                """)
            .spec();
    assertThat(spec.progressDeadlineMillis()).isEqualTo(AppSpec.DEFAULT_PROGRESS_DEADLINE_MILLIS);
    ServiceSpec web = spec.services().get(0);
    assertThat(web.replicas()).isEqualTo(1);
    assertThat(web.update()).isEqualTo(UpdatePolicy.defaults());
    assertThat(web.rollback()).isEqualTo(UpdatePolicy.defaults());
    assertThat(web.update())
        .isEqualTo(new UpdatePolicy(1, 0, FailureAction.ROLLBACK, 5_000, 0.0, Order.STOP_FIRST));
    assertThat(web.healthcheck())
        .isEqualTo(new HealthCheck(List.of("CMD-SHELL", "true"), 30_000, 30_000, 3, 0, false));
    assertThat(web.probe()).isEqualTo(new HttpProbe("/", 80, 1_000, 1_000, 3));
    assertThat(web.ports()).containsExactly(new PortSpec(80, 0, "", "tcp"));
    assertThat(web.stopGraceMillis()).isEqualTo(10_000);
    assertThat(web.init()).isFalse();
    assertThat(web.command()).isEmpty();
    assertThat(web.entrypoint()).isEmpty();
    assertThat(web.environment()).isEmpty();
    assertThat(web.labels()).isEmpty();
    assertThat(web.dependsOn()).isEmpty();
    assertThat(web.placementConstraints()).isEmpty();
    assertThat(web.resources()).isEqualTo(Resources.none());
  }

  @Test
  void rollbackConfigDefaultsDoNotInheritUpdateConfig() {
    ServiceSpec web =
        parser
            .parse(
                "demo",
                """
                services:
                  web:
                    image: nginx
                    deploy:
                      update_config: {parallelism: 4, order: start-first, failure_action: pause}
                """)
            .spec()
            .services()
            .get(0);
    assertThat(web.update().parallelism()).isEqualTo(4);
    assertThat(web.rollback()).isEqualTo(UpdatePolicy.defaults());
    assertThat(web.healthcheck()).isNull();
    assertThat(web.probe()).isNull();
  }

  @Test
  void healthcheckDisabledAndNone() {
    AppSpec spec =
        parser
            .parse(
                "demo",
                """
                services:
                  a:
                    image: nginx
                    healthcheck: {disable: true}
                  b:
                    image: nginx
                    healthcheck: {test: [NONE]}
                """)
            .spec();
    assertThat(spec.service("a").healthcheck().disabled()).isTrue();
    assertThat(spec.service("a").healthcheck().test()).containsExactly("NONE");
    assertThat(spec.service("b").healthcheck().disabled()).isTrue();
  }

  @Test
  void unknownAndUnsupportedKeysNameTheKeyAndLine() {
    List<SpecError> errors =
        errors(
            "demo",
            """
            services:
              web:
                image: nginx
                build: .
                userns_mode: host
                imagee: typo
                deploy:
                  mode: global
                  update_config:
                    parallelism: 1
                    speed: 3
            networks:
              default:
                external: true
            """);
    assertThat(errors)
        .containsExactly(
            new SpecError(
                "services.web.userns_mode",
                5,
                "services.web.userns_mode: not supported by Baton (it would give the container the"
                    + " host; leave the engine's user namespace setting)"),
            new SpecError(
                "services.web.imagee",
                6,
                "services.web.imagee: unknown key (not part of the Compose specification nor of"
                    + " Baton)"),
            new SpecError(
                "services.web.deploy.update_config.speed",
                11,
                "services.web.deploy.update_config.speed: unknown key (not part of the Compose"
                    + " specification nor of Baton)"),
            new SpecError(
                "networks.default.external",
                14,
                "networks.default.external: not supported by Baton (an app's networks are its own,"
                    + " made by Baton on each host)"));
  }

  @Test
  void networksAndAliasesAreTheServicesOwnSortedByName() {
    AppSpec spec =
        parser
            .parse(
                "shop",
                """
                services:
                  web:
                    image: web:v1
                    networks: [front]
                  api:
                    image: api:v1
                    networks:
                      front:
                      back:
                        aliases: [backend, api.internal]
                  db:
                    image: db:v1
                networks:
                  front: {}
                  back:
                    driver: bridge
                """)
            .spec();
    assertThat(spec.service("web").networks())
        .containsExactly(new NetworkAttachment("front", List.of()));
    assertThat(spec.service("api").networks())
        .containsExactly(
            new NetworkAttachment("back", List.of("backend", "api.internal")),
            new NetworkAttachment("front", List.of()));
    assertThat(spec.service("db").networks()).isNull();
    assertThat(spec.service("db").attachments()).isEqualTo(NetworkAttachment.DEFAULT_ONLY);
  }

  @Test
  void networkErrorsNameTheKey() {
    List<SpecError> errors =
        errors(
            "shop",
            """
            services:
              web:
                image: web:v1
                networks: [front, nowhere]
              api:
                image: api:v1
                networks:
                  back:
                    aliases: ["-bad"]
              db:
                image: db:v1
                networks: []
            networks:
              front:
                driver: overlay
              back: {}
            """);
    assertThat(errors)
        .extracting(SpecError::path)
        .containsExactly(
            "services.web.networks[1]",
            "services.api.networks.back.aliases[0]",
            "services.db.networks",
            "networks.front.driver");
    assertThat(errors.get(0).message())
        .contains("network 'nowhere' is not declared")
        .contains("back, default, front");
    assertThat(errors.get(2).message()).contains("at least one network");
    assertThat(errors.get(3).message()).contains("'overlay' is not supported");
  }

  @Test
  void schemaTypeErrorCarriesPathAndLine() {
    List<SpecError> errors =
        errors(
            "demo",
            """
            services:
              web:
                image: nginx
                ports: "8080:80"
                stop_grace_period: 10
            """);
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).path()).isEqualTo("services.web.ports");
    assertThat(errors.get(0).line()).isEqualTo(4);
    assertThat(errors.get(0).message()).startsWith("services.web.ports: ").contains("array");
    assertThat(errors.get(1).path()).isEqualTo("services.web.stop_grace_period");
    assertThat(errors.get(1).line()).isEqualTo(5);
    assertThat(errors.get(1).message()).contains("string");
  }

  @Test
  void schemaOneOfErrorsAreMergedIntoOne() {
    assertThat(errors("demo", "services:\n  web:\n    image: nginx\n    command: 7\n"))
        .containsExactly(
            new SpecError(
                "services.web.command",
                4,
                "services.web.command: integer found, expected null or string or array"));
  }

  @Test
  void badDurationsAndEnums() {
    List<SpecError> errors =
        errors(
            "demo",
            """
            services:
              web:
                image: nginx
                deploy:
                  update_config:
                    delay: 5 seconds
                    failure_action: explode
                    order: sideways
                    max_failure_ratio: 1.5
                    parallelism: -1
            """);
    assertThat(errors)
        .extracting(SpecError::path)
        .containsExactly(
            "services.web.deploy.update_config.delay",
            "services.web.deploy.update_config.failure_action",
            "services.web.deploy.update_config.order",
            "services.web.deploy.update_config.max_failure_ratio",
            "services.web.deploy.update_config.parallelism");
    assertThat(errors).extracting(SpecError::line).containsExactly(6, 7, 8, 9, 10);
    assertThat(errors.get(0).message()).contains("'5 seconds' is not a valid duration");
    assertThat(errors.get(1).message())
        .isEqualTo(
            "services.web.deploy.update_config.failure_action: 'explode' is not one of pause,"
                + " continue, rollback");
    assertThat(errors.get(2).message()).contains("sideways").contains("start-first");
    assertThat(errors.get(3).message()).contains("out of range");
    assertThat(errors.get(4).message()).contains("out of range");
  }

  @Test
  void dependsOnCycleIsReported() {
    List<SpecError> errors =
        errors(
            "demo",
            """
            services:
              a:
                image: nginx
                depends_on: [b]
              b:
                image: nginx
                depends_on: [c]
              c:
                image: nginx
                depends_on:
                  a: {condition: service_started}
            """);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).path()).isEqualTo("services.a.depends_on");
    assertThat(errors.get(0).line()).isEqualTo(4);
    assertThat(errors.get(0).message()).contains("dependency cycle: a -> b -> c -> a");
  }

  @Test
  void selfDependencyIsACycle() {
    assertThat(
            errors(
                "demo",
                """
                services:
                  a:
                    image: nginx
                    depends_on: [a]
                """))
        .extracting(SpecError::message)
        .containsExactly("services.a.depends_on: dependency cycle: a -> a");
  }

  @Test
  void unknownDependsOnService() {
    List<SpecError> errors =
        errors(
            "demo",
            """
            services:
              web:
                image: nginx
                depends_on:
                  - api
                  - cache
              api:
                image: nginx
                depends_on:
                  ghost:
                    condition: service_healthy
            """);
    assertThat(errors)
        .containsExactly(
            new SpecError(
                "services.web.depends_on[1]",
                6,
                "services.web.depends_on[1]: unknown service 'cache'"),
            new SpecError(
                "services.api.depends_on.ghost",
                10,
                "services.api.depends_on.ghost: unknown service 'ghost'"));
  }

  @Test
  void dependencyOrderKeepsFileOrderOtherwise() {
    AppSpec spec =
        parser
            .parse(
                "demo",
                """
                services:
                  front:
                    image: nginx
                    depends_on: [api]
                  worker:
                    image: nginx
                  api:
                    image: nginx
                    depends_on: [db, cache]
                  cache:
                    image: nginx
                  db:
                    image: nginx
                """)
            .spec();
    assertThat(spec.services())
        .extracting(ServiceSpec::name)
        .containsExactly("worker", "cache", "db", "api", "front");
  }

  @Test
  void badNames() {
    List<SpecError> errors =
        errors(
            "My_App",
            """
            services:
              Web_1:
                image: nginx
              -x:
                image: nginx
            """);
    assertThat(errors)
        .extracting(SpecError::path)
        .containsExactly("", "services.Web_1", "services.-x");
    assertThat(errors.get(0).message()).contains("app name 'My_App' is not a DNS label");
    assertThat(errors.get(1).line()).isEqualTo(2);
    assertThat(errors.get(1).message()).contains("service name 'Web_1' must be lowercase");
    assertThat(errors.get(2).line()).isEqualTo(4);
  }

  @Test
  void aDifferentNameIsOverriddenByTheAppsAsComposeDoes() {
    assertThat(
            parser.parse("shop", "name: other\nservices:\n  web:\n    image: nginx\n").warnings())
        .containsExactly(
            new SpecError(
                "name",
                1,
                "name: ignored: the app is 'shop' (as docker compose -p overrides name)"));
  }

  @Test
  void imageIsRequiredAndValid() {
    List<SpecError> errors =
        errors(
            "demo",
            """
            services:
              a:
                command: ["x"]
              b:
                image: ""
              c:
                image: Not/Valid:Ref
            """);
    assertThat(errors)
        .extracting(SpecError::path)
        .containsExactly("services.a.image", "services.b.image", "services.c.image");
    assertThat(errors).extracting(SpecError::line).containsExactly(2, 5, 7);
    assertThat(errors.get(0).message()).contains("is required");
    assertThat(errors.get(1).message()).contains("must not be empty");
    assertThat(errors.get(2).message()).contains("not a valid image reference");
  }

  @Test
  void aliasBombIsRejected() {
    StringBuilder yaml =
        new StringBuilder(
            "x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      yaml.append("x-").append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      yaml.append("]\n");
      prev = c;
    }
    yaml.append("services:\n  web:\n    image: nginx\n");
    List<SpecError> errors = errors("demo", yaml.toString());
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).message()).startsWith("invalid YAML").containsIgnoringCase("aliases");
  }

  @Test
  void modestAliasesStillWork() {
    AppSpec spec =
        parser
            .parse(
                "demo",
                """
                services:
                  a:
                    image: nginx
                    environment: &env
                      A: "1"
                  b:
                    image: nginx
                    environment: *env
                """)
            .spec();
    assertThat(spec.service("b").environment()).containsEntry("A", "1");
  }

  @Test
  void oversizedInputIsRejected() {
    String yaml =
        "services:\n  web:\n    image: nginx\n    labels:\n      big: \""
            + "x".repeat(SafeYaml.MAX_CHARS)
            + "\"\n";
    List<SpecError> errors = errors("demo", yaml);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).message()).contains("too large").contains("262144");
  }

  @Test
  void moreServicesThanAnAppMayHoldAreRefusedWithTheirLine() {
    StringBuilder flow = new StringBuilder("name: demo\nservices: {");
    for (int i = 0; i < 5_000; i++) {
      flow.append(i == 0 ? "" : ", ").append("s").append(i).append(": {image: nginx}");
    }
    String yaml = flow.append("}\n").toString();
    List<SpecError> errors = errors("demo", yaml);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).path()).isEqualTo("services");
    assertThat(errors.get(0).line()).isEqualTo(2);
    assertThat(errors.get(0).message()).contains("5000 services").contains("at most 200");
  }

  @Test
  void duplicateKeysAreRejected() {
    List<SpecError> errors =
        errors(
            "demo",
            """
            services:
              web:
                image: nginx
                image: httpd
            """);
    assertThat(errors)
        .containsExactly(
            new SpecError(
                "services.web.image",
                4,
                "services.web.image: duplicate key (first defined on line 3)"));
  }

  @Test
  void nonMappingDocumentsAreRejected() {
    assertThat(errors("demo", "- a\n- b\n"))
        .containsExactly(
            new SpecError(
                "", 1, "the document must be a mapping with a 'services' key, not a list"));
    assertThat(errors("demo", "just text"))
        .extracting(SpecError::message)
        .containsExactly(
            "the document must be a mapping with a 'services' key, not a scalar 'just text'");
    assertThat(errors("demo", "   \n"))
        .extracting(SpecError::message)
        .first()
        .asString()
        .contains("empty");
    assertThat(errors("demo", "services: {}\n"))
        .extracting(SpecError::message)
        .containsExactly("services: at least one service is required");
  }

  @Test
  void customTagsAndBrokenYamlAreRejected() {
    assertThat(errors("demo", "services:\n  web: !!javax.script.ScriptEngineManager [x]\n"))
        .extracting(SpecError::path, SpecError::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("services.web", 2));
    assertThat(errors("demo", "services:\n  web:\n    image: [nginx\n"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("invalid YAML"))
        .satisfies(e -> assertThat(e.line()).isNotNull());
  }

  @Test
  void aFixedTcpPortIsTheBalancersSoAnyReplicasAndOrderMayPublishIt() {
    List<SpecError> errors =
        errors(
            "demo",
            """
            services:
              web:
                image: nginx
                ports:
                  - "8080:80"
                deploy:
                  replicas: 2
                  update_config: {order: start-first}
              dns:
                image: nginx
                ports:
                  - "53:53/udp"
                deploy:
                  replicas: 2
              ok:
                image: nginx
                ports:
                  - "127.0.0.1:8082:80"
                  - "5353:5353/udp"
                  - "80"
            """);
    assertThat(errors).extracting(SpecError::path).containsExactly("services.dns.ports[0]");
    assertThat(errors).extracting(SpecError::line).containsExactly(12);
    assertThat(errors.get(0).message())
        .contains("fixed UDP host port 53")
        .contains("replicas: 1")
        .contains("stop-first")
        .contains("not balanced");
  }

  @Test
  void portSyntaxErrors() {
    List<SpecError> errors =
        errors(
            "demo",
            """
            services:
              web:
                image: nginx
                ports:
                  - "3000-3005:3000-3004"
                  - "80/sctp"
                  - "70000"
                x-baton:
                  probe:
                    port: 9999
            """);
    assertThat(errors)
        .extracting(SpecError::path)
        .containsExactly(
            "services.web.ports[0]",
            "services.web.ports[1]",
            "services.web.ports[2]",
            "services.web.x-baton.probe.port");
    assertThat(errors.get(0).message()).contains("not a port range Baton takes");
    assertThat(errors.get(1).message()).contains("tcp or udp");
    assertThat(errors.get(3).message())
        .contains("9999 is not one of the service's container ports");
  }

  @Test
  void placementHealthcheckAndEnvironmentErrors() {
    List<SpecError> errors =
        errors(
            "demo",
            """
            services:
              web:
                image: nginx
                environment:
                  - FROM_SHELL
                labels:
                  baton.app: mine
                healthcheck:
                  test: ["echo", "hi"]
                  interval: 0s
                deploy:
                  replicas: 101
                  placement:
                    constraints: [node.platform.os==linux]
                  resources:
                    limits: {memory: 12 parsecs}
            """);
    assertThat(errors)
        .extracting(SpecError::path)
        .containsExactly(
            "services.web.labels.baton.app",
            "services.web.healthcheck.test",
            "services.web.healthcheck.interval",
            "services.web.deploy.replicas",
            "services.web.deploy.placement.constraints[0]",
            "services.web.deploy.resources.limits.memory");
    assertThat(errors.get(4).message()).contains("node.hostname==NAME");
  }

  @Test
  void digestIsStableUnderKeyReordering() {
    String a =
        """
        name: demo
        services:
          web:
            image: nginx:1.27
            environment: {A: "1", B: "2"}
            deploy:
              replicas: 2
              update_config: {parallelism: 2, order: start-first}
        x-baton: {progress_deadline: 5m}
        """;
    String b =
        """
        x-baton:
          progress_deadline: 300s
        services:
          web:
            deploy:
              update_config:
                order: start-first
                parallelism: 2
              replicas: 2
            environment:
              - B=2
              - A=1
            image: nginx:1.27
        name: demo
        """;
    ParsedApp pa = parser.parse("demo", a);
    ParsedApp pb = parser.parse("demo", b);
    assertThat(pb.spec()).isEqualTo(pa.spec());
    assertThat(pb.canonicalJson()).isEqualTo(pa.canonicalJson());
    assertThat(pb.digest()).isEqualTo(pa.digest());

    ParsedApp pc = parser.parse("demo", a.replace("nginx:1.27", "nginx:1.28"));
    assertThat(pc.digest()).isNotEqualTo(pa.digest());
  }

  @Test
  void exceptionCarriesEveryError() {
    SpecException e =
        catchThrowableOfType(
            SpecException.class,
            () ->
                parser.parse(
                    "demo",
                    "services:\n  web:\n    image: nginx\n    volumes: [a:/a]\n    init: maybe\n"));
    assertThat(e.errors()).hasSize(2);
    assertThat(e.getMessage()).contains("2 error(s)").contains("line 4: services.web.volumes");
    assertThatThrownBy(() -> parser.parse("demo", "services: []\n"))
        .isInstanceOf(SpecException.class);
  }

  private List<SpecError> errors(String app, String yaml) {
    return catchThrowableOfType(SpecException.class, () -> parser.parse(app, yaml)).errors();
  }
}

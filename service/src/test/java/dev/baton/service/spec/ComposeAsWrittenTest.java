package dev.baton.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.ContainerOptions;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.RestartPolicy;
import dev.baton.workflows.model.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compose files as people write them: interpolation, anchors, extends, profiles, env files. */
class ComposeAsWrittenTest {

  private final ComposeParser parser = new ComposeParser();

  @Test
  void interpolationFollowsComposeRules() {
    ParsedApp parsed =
        parser.parse(
            "shop",
            new ComposeInput(
                """
                services:
                  web:
                    image: registry.local/web:${TAG}
                    environment:
                      PLAIN: $TAG
                      DEFAULTED: ${MISSING:-fallback}
                      EMPTY_DEFAULT: ${EMPTY:-used}
                      DASH_ONLY: ${EMPTY-kept empty}
                      ALT: ${TAG:+yes}
                      NO_ALT: ${MISSING:+no}
                      NESTED: ${MISSING:-${TAG}-nested}
                      DOLLARS: "$$HOME and $${TAG}"
                      UNSET: ${NOT_GIVEN}
                    deploy:
                      replicas: ${REPLICAS}
                """,
                Map.of("TAG", "v2", "EMPTY", "", "REPLICAS", "3"),
                null,
                null,
                null));
    ServiceSpec web = parsed.spec().service("web");
    assertThat(web.image()).isEqualTo("registry.local/web:v2");
    assertThat(web.replicas()).isEqualTo(3);
    assertThat(web.environment())
        .containsEntry("PLAIN", "v2")
        .containsEntry("DEFAULTED", "fallback")
        .containsEntry("EMPTY_DEFAULT", "used")
        .containsEntry("DASH_ONLY", "")
        .containsEntry("ALT", "yes")
        .containsEntry("NO_ALT", "")
        .containsEntry("NESTED", "v2-nested")
        .containsEntry("DOLLARS", "$HOME and ${TAG}")
        .containsEntry("UNSET", "");
    assertThat(parsed.warnings())
        .containsExactly(
            new SpecError(
                "services.web.environment.UNSET",
                13,
                "services.web.environment.UNSET: variable NOT_GIVEN is not set: an empty string"
                    + " is used"));
    assertThat(parsed.resolved())
        .contains("image: registry.local/web:v2")
        .contains("DOLLARS: $$HOME and $${TAG}");
    // Read again with no variables, the resolved file is the same app.
    assertThat(parser.parse("shop", parsed.resolved()).digest()).isEqualTo(parsed.digest());
  }

  @Test
  void requiredVariablesAndBadTemplatesAreErrorsReportedWithEveryOtherError() {
    List<SpecError> errors =
        errors(
            """
            services:
              web:
                image: nginx:${TAG:?set TAG to the release}
                environment:
                  A: ${B?}
                  C: "cost: $ 5"
                  D: ${E
                init: maybe
            """);
    assertThat(errors)
        .extracting(SpecError::toString)
        .containsExactly(
            "line 3: services.web.image: required variable TAG is unset or empty: set TAG to the"
                + " release",
            "line 5: services.web.environment.A: required variable B is unset",
            "line 6: services.web.environment.C: invalid interpolation: '$ ' (write '$$' for a"
                + " literal '$')",
            "line 7: services.web.environment.D: invalid interpolation: '${E' has no closing '}'",
            "line 8: services.web.init: must be true or false");
  }

  @Test
  void anchorsMergeKeysAndExtensionFieldsAnywhere() {
    AppSpec spec =
        parser
            .parse(
                "shop",
                """
                x-common: &common
                  image: nginx:1.27
                  restart: unless-stopped
                  environment: &env
                    LOG: info
                  x-note: ignored by Compose and Baton
                services:
                  a:
                    <<: *common
                    environment:
                      <<: *env
                      EXTRA: "1"
                  b:
                    <<: [*common]
                    image: nginx:1.28
                    deploy:
                      x-team: web
                      replicas: 2
                """)
            .spec();
    assertThat(spec.service("a").image()).isEqualTo("nginx:1.27");
    assertThat(spec.service("a").environment()).isEqualTo(Map.of("LOG", "info", "EXTRA", "1"));
    assertThat(spec.service("a").restart().condition()).isEqualTo(RestartPolicy.Condition.ANY);
    assertThat(spec.service("b").image()).isEqualTo("nginx:1.28");
    assertThat(spec.service("b").replicas()).isEqualTo(2);
  }

  @Test
  void extendsWithinTheFileMergesAsComposeDoes() {
    AppSpec spec =
        parser
            .parse(
                "shop",
                """
                services:
                  base:
                    image: app:1
                    command: ["serve"]
                    environment: [A=1, B=2]
                    ports: ["80"]
                    depends_on: [db]
                  worker:
                    extends: base
                    command: ["work"]
                    environment:
                      B: "3"
                    expose: ["9000"]
                  late:
                    extends:
                      service: worker
                    ports: ["81"]
                  db:
                    image: postgres:15
                """)
            .spec();
    ServiceSpec worker = spec.service("worker");
    assertThat(worker.image()).isEqualTo("app:1");
    assertThat(worker.command()).containsExactly("work");
    assertThat(worker.environment()).isEqualTo(Map.of("A", "1", "B", "3"));
    assertThat(worker.dependsOn()).isEmpty();
    assertThat(spec.service("late").ports())
        .extracting(PortSpec::target)
        .containsExactly(80, 81, 9000);

    assertThat(
            errors(
                """
                services:
                  a:
                    extends: b
                  b:
                    extends: a
                  c:
                    image: x
                    extends: {service: c2, file: other.yml}
                """))
        .extracting(SpecError::path)
        .contains("services.a.extends", "services.c.extends.file");
  }

  @Test
  void profilesChooseServicesAndEnvFilesComeWithTheRequest() {
    String yaml =
        """
        services:
          web:
            image: web:1
            env_file:
              - ./web.env
              - path: ./optional.env
                required: false
            environment:
              - FROM_CALLER
              - OVERRIDDEN=mine
          debug:
            image: busybox
            profiles: [debug]
        """;
    ParsedApp plain =
        parser.parse(
            "shop",
            new ComposeInput(
                yaml,
                Map.of("FROM_CALLER", "given"),
                "REGION=eu\n",
                Map.of(
                    "web.env",
                    "# comment\nexport A=1\nB='single $quoted'\nC=\"two\\nlines\"\n"
                        + "OVERRIDDEN=theirs\nD=${REGION}-x # trailing\n"),
                null));
    assertThat(plain.spec().services()).extracting(ServiceSpec::name).containsExactly("web");
    assertThat(plain.spec().service("web").environment())
        .isEqualTo(
            Map.of(
                "A", "1",
                "B", "single $quoted",
                "C", "two\nlines",
                "D", "eu-x",
                "OVERRIDDEN", "mine",
                "FROM_CALLER", "given"));

    ParsedApp debug =
        parser.parse(
            "shop",
            new ComposeInput(yaml, null, null, Map.of("./web.env", "A=1"), List.of("debug")));
    assertThat(debug.spec().services()).extracting(ServiceSpec::name).contains("debug");
    assertThat(debug.warnings())
        .extracting(SpecError::message)
        .contains(
            "services.web.environment: FROM_CALLER has no value and no variable FROM_CALLER was"
                + " given: it is left out");

    List<SpecError> missing =
        catchThrowableOfType(SpecException.class, () -> parser.parse("shop", ComposeInput.of(yaml)))
            .errors();
    assertThat(missing).extracting(SpecError::path).containsExactly("services.web.env_file[0]");
    assertThat(missing.get(0).line()).isEqualTo(5);
  }

  @Test
  void everydayKeysAreAcceptedAndWarnedAboutWhereBatonDiffers() {
    ParsedApp parsed =
        parser.parse(
            "plausible",
            """
            version: "3.8"
            services:
              plausible_db:
                image: postgres:15
                container_name: plausible-db
                restart: on-failure:3
                hostname: db
                working_dir: /srv
                user: "999:999"
                extra_hosts: ["metrics.local:10.0.0.5", "other=10.0.0.6"]
                dns: 10.0.0.2
                cap_add: [NET_ADMIN]
                cap_drop: [ALL]
                ulimits:
                  nproc: 65535
                  nofile: {soft: 20000, hard: 40000}
                tmpfs: [/run, "/tmp:size=64m"]
                read_only: true
                stop_signal: SIGINT
                stop_grace_period: 1m30s
                sysctls: [net.core.somaxconn=1024]
                shm_size: 256m
                mem_limit: 512m
                memswap_limit: 1g
                cpus: 0.5
                pids_limit: 200
                logging:
                  driver: json-file
                  options: {max-size: 10m}
                labels: [team=data]
                stdin_open: true
                tty: true
                expose: [5432, "9187/tcp"]
              events.api:
                image: clickhouse/clickhouse-server:23
                build: ./clickhouse
                deploy:
                  mode: global
            """);
    ServiceSpec db = parsed.spec().service("plausible_db");
    assertThat(db.restart())
        .isEqualTo(new RestartPolicy(RestartPolicy.Condition.ON_FAILURE, 5_000, 3, 0));
    assertThat(db.stopGraceMillis()).isEqualTo(90_000);
    assertThat(db.resources().memoryLimitBytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(db.resources().cpusLimit()).isEqualTo(0.5);
    assertThat(db.labels()).isEqualTo(Map.of("team", "data"));
    assertThat(db.ports())
        .containsExactly(new PortSpec(5432, 0, "", "tcp"), new PortSpec(9187, 0, "", "tcp"));
    ContainerOptions o = db.options();
    assertThat(o.hostname()).isEqualTo("db");
    assertThat(o.workingDir()).isEqualTo("/srv");
    assertThat(o.user()).isEqualTo("999:999");
    assertThat(o.extraHosts()).containsExactly("metrics.local:10.0.0.5", "other:10.0.0.6");
    assertThat(o.dns()).containsExactly("10.0.0.2");
    assertThat(o.capAdd()).containsExactly("NET_ADMIN");
    assertThat(o.capDrop()).containsExactly("ALL");
    assertThat(o.ulimits())
        .containsExactly(
            new ContainerOptions.Ulimit("nproc", 65535, 65535),
            new ContainerOptions.Ulimit("nofile", 20000, 40000));
    assertThat(o.tmpfs()).containsExactly("/run", "/tmp:size=64m");
    assertThat(o.readOnly()).isTrue();
    assertThat(o.stopSignal()).isEqualTo("SIGINT");
    assertThat(o.sysctls()).isEqualTo(Map.of("net.core.somaxconn", "1024"));
    assertThat(o.shmSizeBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(o.memswapLimitBytes()).isEqualTo(1024L * 1024 * 1024);
    assertThat(o.pidsLimit()).isEqualTo(200);
    assertThat(o.logDriver()).isEqualTo("json-file");
    assertThat(o.logOptions()).isEqualTo(Map.of("max-size", "10m"));
    assertThat(o.stdinOpen()).isTrue();
    assertThat(o.tty()).isTrue();
    ServiceSpec events = parsed.spec().service("events.api");
    assertThat(events.global()).isTrue();
    assertThat(events.options()).isNull();
    assertThat(parsed.warnings())
        .extracting(SpecError::toString)
        .containsExactly(
            "line 1: version: obsolete in Compose and ignored",
            "line 5: services.plausible_db.container_name: ignored: Baton names each container"
                + " <app>-<service>-r<revision>-<slot>; other services reach this one by its"
                + " service name",
            "line 36: services.events.api.build: ignored: Baton deploys the image"
                + " clickhouse/clickhouse-server:23 (build and push it first)");
  }

  @Test
  void whatWouldGiveTheContainerTheHostIsRefusedAtItsLine() {
    List<SpecError> errors =
        errors(
            """
            services:
              web:
                image: nginx
                privileged: true
                network_mode: host
                pid: host
                devices: ["/dev/sda:/dev/sda"]
                links: [db]
                cap_add: [SYS_ADMIN]
                restart: sometimes
              db:
                build: ./db
              job:
                image: busybox
                deploy:
                  mode: global
                  replicas: 2
            """);
    assertThat(errors)
        .extracting(SpecError::toString)
        .containsExactly(
            "line 4: services.web.privileged: not supported by Baton (it would give the container"
                + " the host; grant only what it needs with cap_add)",
            "line 5: services.web.network_mode: not supported by Baton (it would give the"
                + " container the host; Baton puts every app on networks of its own)",
            "line 6: services.web.pid: not supported by Baton (it would give the container the"
                + " host; each container keeps its own process namespace)",
            "line 7: services.web.devices: not supported by Baton (it would give the container the"
                + " host; a host's devices cannot follow an instance to another host)",
            "line 8: services.web.links: not supported by Baton (remove it: every service answers"
                + " to its name on the app's networks)",
            "line 9: services.web.cap_add: 'SYS_ADMIN' would give the container the host; add the"
                + " narrower capabilities it needs",
            "line 10: services.web.restart: 'sometimes' is not one of no, always, unless-stopped,"
                + " on-failure[:attempts]",
            "line 12: services.db.build: Baton builds no images: build and push the image, and"
                + " name it under 'image'",
            "line 17: services.job.deploy.replicas: a global service runs one instance on every"
                + " eligible host: drop replicas, or use mode: replicated");
  }

  @Test
  void anUnquotedVariableIsNoLongerAYamlTagError() {
    ParsedApp parsed =
        parser.parse(
            "shop",
            new ComposeInput(
                "services:\n  web:\n    image: nginx\n    environment:\n      KEY: ${VAR}\n",
                Map.of("VAR", "value"),
                null,
                null,
                null));
    assertThat(parsed.spec().service("web").environment()).containsEntry("KEY", "value");
  }

  @Test
  void swarmAndComposeHabitsAreTakenWithAWordWhereBatonDiffers() {
    ParsedApp parsed =
        parser.parse(
            "shop",
            """
            services:
              web:
                image: web:1
                platform: linux/amd64
                ports: ["8100-8102:9100-9102", "7000-7001"]
                depends_on:
                  migrate: {condition: service_completed_successfully}
                healthcheck:
                  test: ["CMD", "true"]
                  start_interval: 1s
                deploy:
                  labels: [traefik.enable=true]
                  placement:
                    constraints: [node.role == manager]
              migrate:
                image: web:1
                command: ["migrate"]
            networks:
              default:
                name: my_net
            """);
    ServiceSpec web = parsed.spec().service("web");
    assertThat(web.ports())
        .containsExactly(
            new PortSpec(9100, 8100, "", "tcp"),
            new PortSpec(9101, 8101, "", "tcp"),
            new PortSpec(9102, 8102, "", "tcp"),
            new PortSpec(7000, 0, "", "tcp"),
            new PortSpec(7001, 0, "", "tcp"));
    assertThat(web.labels()).containsEntry("traefik.enable", "true");
    assertThat(web.placementConstraints()).isEmpty();
    assertThat(web.completes()).isFalse();
    assertThat(parsed.spec().service("migrate").completes()).isTrue();
    assertThat(parsed.spec().service("migrate").healthBudgetMillis())
        .isEqualTo(ServiceSpec.COMPLETION_BUDGET_MILLIS);
    assertThat(parsed.warnings())
        .extracting(SpecError::path)
        .containsExactly(
            "services.web.platform",
            "services.web.healthcheck.start_interval",
            "services.web.deploy.placement.constraints[0]",
            "networks.default.name");
  }

  private List<SpecError> errors(String yaml) {
    return catchThrowableOfType(SpecException.class, () -> parser.parse("shop", yaml)).errors();
  }
}

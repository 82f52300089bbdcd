package dev.baton.service.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.activities.state.HostRegistry;
import dev.baton.activities.state.HostStatus;
import dev.baton.activities.state.StateConfiguration;
import dev.baton.service.apps.AppReadRepository;
import dev.baton.service.apps.InstanceView;
import dev.baton.service.audit.AuditLog;
import dev.baton.service.audit.AuditRepository;
import dev.baton.service.config.IdempotencyKeyRepository;
import dev.baton.service.config.IdempotencyStore;
import dev.baton.service.config.ReadModelConfiguration;
import dev.baton.service.control.ControllerSeedRepository;
import dev.baton.service.hosts.HostReadRepository;
import dev.baton.service.operations.OperationReadRepository;
import dev.baton.service.operations.OperationRow;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.ports.EventRecord;
import dev.baton.workflows.ports.OperationRecord;
import dev.baton.workflows.ports.StateActivities;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Limit;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API's read model against a real PostgreSQL migrated by Flyway: every JPQL projection and
 * native query the controllers read through, on rows the activities wrote. Hibernate checks the
 * entities against the schema at startup, and Spring Data parses every query.
 */
@SpringBootTest(
    classes = ReadModelIT.App.class,
    properties = {
      "spring.jpa.hibernate.ddl-auto=validate",
      "spring.jpa.open-in-view=false",
      // No Temporal here: only the database side of the app.
      "spring.autoconfigure.exclude="
          + "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.NonRootNamespaceAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration"
    })
class ReadModelIT {
  static final String URL = System.getenv("DATABASE_URL");
  static final String SCHEMA = "baton_rm_" + UUID.randomUUID().toString().replace("-", "");

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({StateConfiguration.class, ReadModelConfiguration.class})
  static class App {}

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    assertThat(URL).as("DATABASE_URL (scripts/test sets it); this test never skips").isNotBlank();
    registry.add("spring.datasource.url", () -> jdbc() + "?currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> userInfo()[0]);
    registry.add("spring.datasource.password", () -> userInfo()[1]);
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.default-schema", () -> SCHEMA);
  }

  private static String jdbc() {
    URI uri = URI.create(URL);
    return "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
  }

  private static String[] userInfo() {
    String info = URI.create(URL).getUserInfo();
    String[] parts = info == null ? new String[0] : info.split(":", 2);
    return new String[] {parts.length > 0 ? parts[0] : null, parts.length > 1 ? parts[1] : null};
  }

  @AfterAll
  static void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc(), userInfo()[0], userInfo()[1]);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Autowired StateActivities state;
  @Autowired HostRegistry hostRegistry;
  @Autowired AppReadRepository apps;
  @Autowired OperationReadRepository operations;
  @Autowired HostReadRepository hosts;
  @Autowired ControllerSeedRepository seeds;
  @Autowired AuditRepository audit;
  @Autowired IdempotencyKeyRepository idempotencyKeys;

  @Test
  void readsWhatTheActivitiesWrote() {
    String app = "rm" + UUID.randomUUID().toString().substring(0, 8);
    String host = "h-" + app;
    hostRegistry.register(
        host, "tcp://127.0.0.1:2375", null, Map.of("zone", "a"), HostStatus.READY);
    state.saveRevision(
        app, new Revision(1, spec(app, "spread"), "d1", "services: {}\n"), "ci", "r1");
    state.saveRevision(
        app, new Revision(2, spec(app, "binpack"), "d2", "services: {web: {}}\n"), "ci", null);
    state.setCurrentRevision(app, 1);
    String op = UUID.randomUUID().toString();
    state.saveOperation(
        new OperationRecord(
            op,
            app,
            OperationKind.DEPLOY,
            2,
            OperationStatus.RUNNING,
            "deploy:" + app + ":r2",
            "run-1",
            "ci",
            "ship",
            null));
    state.appendEvent(new EventRecord(app, op, 1, "deploy.started", null, "to r2"));
    state.appendEvent(new EventRecord(app, op, 2, "instance.created", "web", "web-r2-0"));
    state.appendEvent(new EventRecord(app, null, 1, "instance.replaced", "web", "healed"));
    Instance web =
        new Instance(
            app,
            "web",
            2,
            0,
            host,
            "c1",
            Instance.containerName(app, "web", 2, 0),
            "running",
            "healthy",
            "127.0.0.1:32000");
    state.saveInstance(web, op);

    assertThat(apps.summaries())
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo(app);
              assertThat(s.currentRevision()).isEqualTo(1);
            });
    assertThat(apps.header(app))
        .hasValueSatisfying(h -> assertThat(h.latestRevision()).isEqualTo(2));
    assertThat(apps.existsByName(app)).isTrue();
    assertThat(apps.instances(app))
        .extracting(InstanceView::containerName)
        .containsExactly(web.containerName());
    assertThat(apps.latestYaml(app)).contains("services: {web: {}}\n");
    assertThat(apps.revisions(app)).hasSize(2);

    assertThat(operations.row(op)).map(OperationRow::status).contains(OperationStatus.RUNNING);
    assertThat(operations.status(op)).contains(OperationStatus.RUNNING);
    assertThat(operations.newest(app, OperationStatus.RUNNING, Limit.of(5)))
        .extracting(OperationRow::id)
        .containsExactly(op);
    assertThat(operations.newest(null, null, Limit.of(500)))
        .extracting(OperationRow::id)
        .contains(op);
    assertThat(operations.newest(app, OperationStatus.SUCCEEDED, Limit.of(5))).isEmpty();
    assertThat(operations.events(op, 0))
        .extracting(e -> e.type())
        .containsExactly("deploy.started", "instance.created");
    assertThat(operations.events(op, 1)).hasSize(1);

    assertThat(hosts.row(host))
        .hasValueSatisfying(h -> assertThat(h.endpoint()).isEqualTo("tcp://127.0.0.1:2375"));
    assertThat(hosts.rows()).extracting(h -> h.name()).contains(host);
    assertThat(hosts.instancesOn(host)).hasSize(1);

    assertThat(seeds.existsByName(app)).isTrue();
    assertThat(seeds.currentRevision(app))
        .hasValueSatisfying(r -> assertThat(r.toRevision().number()).isEqualTo(1));
    assertThat(seeds.latestRevision(app)).isEqualTo(2);
    assertThat(seeds.instanceRevision(app)).isEqualTo(2);
    assertThat(seeds.lastAppEventSeq(app)).isEqualTo(1);
    assertThat(seeds.latestRevision("nothing-here")).isZero();

    new AuditLog(audit)
        .record("req-1", "ci", "POST", "/api/v1/apps/" + app + "/deployments", "127.0.0.1", 202);
    assertThat(audit.newest("apps/" + app, Limit.of(10)))
        .extracting(e -> e.outcome())
        .containsExactly(202);
    assertThat(audit.newest(null, Limit.of(10))).isNotEmpty();
  }

  @Test
  void theFirstAnswerToAnIdempotencyKeyIsKept() {
    IdempotencyStore store = new IdempotencyStore(idempotencyKeys);
    String key = UUID.randomUUID().toString();
    IdempotencyStore.Stored first =
        new IdempotencyStore.Stored("h1", "op-1", 202, "application/json", "/x", "{}");
    IdempotencyStore.Stored second =
        new IdempotencyStore.Stored("h2", "op-2", 202, null, null, "{}");
    assertThat(store.find("ci", "/api/v1/apps/a/deployments", key)).isEmpty();
    assertThat(store.save("ci", "/api/v1/apps/a/deployments", key, first)).isTrue();
    assertThat(store.save("ci", "/api/v1/apps/a/deployments", key, second)).isFalse();
    assertThat(store.find("ci", "/api/v1/apps/a/deployments", key)).contains(first);
    assertThat(store.find("other", "/api/v1/apps/a/deployments", key)).isEmpty();
  }

  private static AppSpec spec(String app, String placement) {
    return new AppSpec(app, List.of(), 0, placement);
  }
}

package dev.baton.activities.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.HttpProbe;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.Resources;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy;
import dev.baton.workflows.ports.EventRecord;
import dev.baton.workflows.ports.OperationRecord;
import dev.baton.workflows.ports.StateActivities;
import io.temporal.common.metadata.POJOActivityImplMetadata;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The state adapters against a real PostgreSQL, on a fresh schema migrated by Flyway from
 * db/migrations (one schema per run, dropped afterwards). Hibernate validates the entities against
 * that schema at startup.
 */
@SpringBootTest(classes = StateTestApplication.class)
class StateActivitiesIT {

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
    registry.add("spring.jpa.open-in-view", () -> "false");
  }

  @AfterAll
  static void dropSchema() throws Exception {
    if (System.getenv("BATON_TEST_KEEP_SCHEMA") != null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(DB.jdbcUrl(), DB.user(), DB.password());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Autowired JpaStateActivities state;
  @Autowired StateActivities statePort;
  @Autowired JpaHostDirectory directory;
  @Autowired HostRegistry registry;
  @Autowired JdbcTemplate sql;
  @Autowired AppRepository apps;
  @Autowired RevisionRepository revisions;
  @Autowired OperationRepository operations;
  @Autowired InstanceRepository instances;
  @Autowired EventRepository events;
  @Autowired HostRepository hosts;
  @Autowired ApiTokenRepository tokens;

  // ---------------------------------------------------------------- schema

  @Test
  void migrationApplies() {
    assertThat(
            sql.queryForObject(
                "SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success",
                Integer.class))
        .isEqualTo(1);
    List<String> tables =
        sql.queryForList(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_name <> 'flyway_schema_history' ORDER BY table_name",
            String.class,
            SCHEMA);
    assertThat(tables)
        .containsExactly(
            "api_tokens",
            "apps",
            "audit",
            "backups",
            "balancers",
            "events",
            "hosts",
            "idempotency_keys",
            "instances",
            "operations",
            "revisions",
            "secrets",
            "volumes");
  }

  @Test
  void uniqueConstraintsRejectDoubleWrites() {
    String app = app();
    String host = host();
    sql.update(
        "INSERT INTO hosts (name, endpoint, address) VALUES (?, 'unix:///run/docker.sock', '127.0.0.1')",
        host);
    assertThatThrownBy(
            () ->
                sql.update(
                    "INSERT INTO hosts (name, endpoint, address) VALUES (?, 'tcp://x', 'x')", host))
        .isInstanceOf(DuplicateKeyException.class);
    sql.update("INSERT INTO apps (name) VALUES (?)", app);
    assertThatThrownBy(() -> sql.update("INSERT INTO apps (name) VALUES (?)", app))
        .isInstanceOf(DuplicateKeyException.class);

    String rev = "INSERT INTO revisions (app, number, spec, digest) VALUES (?, 1, '{}', ?)";
    sql.update(rev, app, "d1");
    assertThatThrownBy(() -> sql.update(rev, app, "d2")).isInstanceOf(DuplicateKeyException.class);

    String op =
        "INSERT INTO operations (id, app, kind, revision, status, workflow_id)"
            + " VALUES (?, ?, 'DEPLOY', 1, 'RUNNING', ?)";
    sql.update(op, "op-a-" + app, app, "deploy:" + app + ":r1");
    assertThatThrownBy(() -> sql.update(op, "op-b-" + app, app, "deploy:" + app + ":r1"))
        .isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> sql.update(op, "op-a-" + app, app, "other-wf-" + app))
        .isInstanceOf(DuplicateKeyException.class);

    String inst =
        "INSERT INTO instances (app, service, revision, slot, host, container_name)"
            + " VALUES (?, 'web', 1, 0, ?, ?)";
    sql.update(inst, app, host, app + "-web-r1-0");
    assertThatThrownBy(() -> sql.update(inst, app, host, app + "-other-name"))
        .isInstanceOf(DuplicateKeyException.class);
    // the same container name for another slot is a double write too
    assertThatThrownBy(
            () ->
                sql.update(
                    "INSERT INTO instances (app, service, revision, slot, host, container_name)"
                        + " VALUES (?, 'web', 1, 1, ?, ?)",
                    app,
                    host,
                    app + "-web-r1-0"))
        .isInstanceOf(DuplicateKeyException.class);

    String ev =
        "INSERT INTO events (app, operation_id, seq, type) VALUES (?, ?, 0, 'deploy.started')";
    sql.update(ev, app, "op-a-" + app);
    assertThatThrownBy(() -> sql.update(ev, app, "op-a-" + app))
        .isInstanceOf(DuplicateKeyException.class);
    String appEv = "INSERT INTO events (app, seq, type) VALUES (?, 0, 'reconcile')";
    sql.update(appEv, app);
    assertThatThrownBy(() -> sql.update(appEv, app)).isInstanceOf(DuplicateKeyException.class);

    String tok = "INSERT INTO api_tokens (name, token_hash, role) VALUES (?, ?, 'viewer')";
    String hash = ApiTokenEntity.hash(app);
    sql.update(tok, "t1-" + app, hash);
    assertThatThrownBy(() -> sql.update(tok, "t2-" + app, hash))
        .isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> sql.update(tok, "t1-" + app, ApiTokenEntity.hash("x" + app)))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void checksAndForeignKeysRejectBadRows() {
    String app = app();
    assertThatThrownBy(
            () ->
                sql.update(
                    "INSERT INTO hosts (name, endpoint, address, status)"
                        + " VALUES (?, 'x', 'x', 'BROKEN')",
                    host()))
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("status");
    sql.update("INSERT INTO apps (name) VALUES (?)", app);
    assertThatThrownBy(
            () ->
                sql.update(
                    "INSERT INTO operations (id, app, kind, revision, status, workflow_id)"
                        + " VALUES (?, ?, 'DEPLOY', 1, 'DONE', ?)",
                    "op-" + app,
                    app,
                    "wf-" + app))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(
            () ->
                sql.update(
                    "INSERT INTO api_tokens (name, token_hash, role) VALUES (?, ?, 'root')",
                    "t-" + app,
                    ApiTokenEntity.hash(app)))
        .isInstanceOf(DataIntegrityViolationException.class);
    // an instance on an unknown host, a revision of an unknown app
    assertThatThrownBy(
            () ->
                sql.update(
                    "INSERT INTO instances (app, service, revision, slot, host, container_name)"
                        + " VALUES (?, 'web', 1, 0, 'no-such-host', ?)",
                    app,
                    app + "-x"))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(
            () ->
                sql.update(
                    "INSERT INTO revisions (app, number, spec, digest) VALUES (?, 1, '{}', 'd')",
                    "no-such-app-" + app))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  // ---------------------------------------------------------------- revisions and apps

  @Test
  void aVolumeIsPinnedOnceTheFirstPinWinsAndForgettingClearsTheApp() {
    String app = app();
    assertThat(state.volumeHosts(app)).isEmpty();

    assertThat(
            state.pinVolumes(app, "h1", Map.of("data", "baton-x_data", "logs-1", "baton-x_logs-1")))
        .isEqualTo(Map.of("data", "h1", "logs-1", "h1"));
    // A second mover pinning the same volume elsewhere learns where it already is.
    assertThat(
            state.pinVolumes(app, "h2", Map.of("data", "baton-x_data", "logs-2", "baton-x_logs-2")))
        .isEqualTo(Map.of("data", "h1", "logs-2", "h2"));
    assertThat(state.volumeHosts(app))
        .isEqualTo(Map.of("data", "h1", "logs-1", "h1", "logs-2", "h2"));
    assertThat(
            sql.queryForObject(
                "SELECT name FROM volumes WHERE app = ? AND volume = 'data'", String.class, app))
        .isEqualTo("baton-x_data");

    state.forgetVolumes(app);
    assertThat(state.volumeHosts(app)).isEmpty();
  }

  @Test
  void saveRevisionIsIdempotentAndSpecRoundTripsThroughJsonb() {
    String app = app();
    Revision r1 = new Revision(1, spec(app, "registry.local/web:1"), "sha256:aaa", "services: {}");

    statePort.saveRevision(app, r1, "ci@example", "first");
    statePort.saveRevision(app, r1, "ci@example", "first");

    assertThat(count("apps WHERE name = ?", app)).isEqualTo(1);
    assertThat(count("revisions WHERE app = ?", app)).isEqualTo(1);
    assertThat(revisions.findByAppAndNumber(app, 1).orElseThrow().toRevision()).isEqualTo(r1);
    Map<String, Object> stored = row("revisions", "app = ? AND number = 1", app);
    assertThat(stored).containsEntry("created_by", "ci@example").containsEntry("reason", "first");
    // stored as real JSONB, queryable in SQL
    assertThat(
            sql.queryForObject(
                "SELECT jsonb_typeof(spec) || ':' || (spec->'services'->0->>'image')"
                    + " FROM revisions WHERE app = ? AND number = 1",
                String.class,
                app))
        .isEqualTo("object:registry.local/web:1");
    assertThat(row("apps", "name = ?", app).get("current_revision")).isNull();
  }

  @Test
  void aDeletedAppIsMarkedUntilANewRevisionOfItsName() {
    String app = app();
    statePort.saveRevision(app, new Revision(1, spec(app, "web:1"), "sha256:d1", null), "a", null);
    statePort.setCurrentRevision(app, 1);
    assertThat(row("apps", "name = ?", app).get("deleted_at")).isNull();

    statePort.clearCurrentRevision(app);
    Object deletedAt = row("apps", "name = ?", app).get("deleted_at");
    assertThat(deletedAt).isNotNull();
    assertThat(row("apps", "name = ?", app).get("current_revision")).isNull();
    // A retried delete keeps the first time.
    statePort.clearCurrentRevision(app);
    assertThat(row("apps", "name = ?", app).get("deleted_at")).isEqualTo(deletedAt);

    statePort.saveRevision(app, new Revision(2, spec(app, "web:2"), "sha256:d2", null), "a", null);
    assertThat(row("apps", "name = ?", app).get("deleted_at")).isNull();
    statePort.clearCurrentRevision(app);
    statePort.setCurrentRevision(app, 2);
    assertThat(row("apps", "name = ?", app))
        .containsEntry("current_revision", 2)
        .containsEntry("deleted_at", null);
  }

  @Test
  void anotherSpecUnderAnExistingRevisionNumberIsANonRetryableError() {
    String app = app();
    statePort.saveRevision(app, new Revision(1, spec(app, "web:1"), "sha256:one", null), "a", null);
    assertThatThrownBy(
            () ->
                statePort.saveRevision(
                    app, new Revision(1, spec(app, "web:2"), "sha256:two", null), "a", null))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(JpaStateActivities.REVISION_CONFLICT);
            });
    assertThat(revisions.findByAppAndNumber(app, 1).orElseThrow().toRevision().digest())
        .isEqualTo("sha256:one");
  }

  @Test
  void setCurrentRevisionIsIdempotentAndNeedsAStoredRevision() {
    String app = app();
    statePort.saveRevision(app, new Revision(1, spec(app, "web:1"), "d1", null), "a", null);
    statePort.saveRevision(app, new Revision(2, spec(app, "web:2"), "d2", null), "a", null);

    statePort.setCurrentRevision(app, 2);
    Map<String, Object> first = row("apps", "name = ?", app);
    statePort.setCurrentRevision(app, 2);
    Map<String, Object> second = row("apps", "name = ?", app);
    assertThat(second.get("current_revision")).isEqualTo(2);
    assertThat(second.get("updated_at")).isEqualTo(first.get("updated_at"));
    assertThat(count("apps WHERE name = ?", app)).isEqualTo(1);

    assertThatThrownBy(() -> statePort.setCurrentRevision(app, 7))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(row("apps", "name = ?", app).get("current_revision")).isEqualTo(2);
  }

  // ---------------------------------------------------------------- operations

  @Test
  void saveOperationIsIdempotentAndTracksStartAndFinish() {
    String app = app();
    String id = UUID.randomUUID().toString();
    OperationRecord queued = op(id, app, OperationStatus.QUEUED, null);

    statePort.saveOperation(queued);
    Map<String, Object> q1 = row("operations", "id = ?", id);
    statePort.saveOperation(queued);
    Map<String, Object> q2 = row("operations", "id = ?", id);
    assertThat(count("operations WHERE id = ?", id)).isEqualTo(1);
    assertThat(operations.findById(id).orElseThrow().toRecord()).isEqualTo(queued);
    assertThat(q2.get("updated_at")).isEqualTo(q1.get("updated_at"));
    assertThat(q2.get("started_at")).isNull();
    assertThat(q2.get("finished_at")).isNull();

    statePort.saveOperation(op(id, app, OperationStatus.RUNNING, null));
    Map<String, Object> running = row("operations", "id = ?", id);
    assertThat(running.get("status")).isEqualTo("RUNNING");
    assertThat(running.get("started_at")).isNotNull();
    assertThat(running.get("finished_at")).isNull();

    statePort.saveOperation(op(id, app, OperationStatus.PAUSED, null));
    statePort.saveOperation(op(id, app, OperationStatus.RUNNING, null));
    assertThat(row("operations", "id = ?", id).get("started_at"))
        .isEqualTo(running.get("started_at"));

    statePort.saveOperation(op(id, app, OperationStatus.FAILED, "web-r3-0: exited with code 1"));
    Map<String, Object> failed = row("operations", "id = ?", id);
    assertThat(failed.get("status")).isEqualTo("FAILED");
    assertThat(failed.get("error")).isEqualTo("web-r3-0: exited with code 1");
    assertThat(failed.get("finished_at")).isNotNull();
    assertThat(failed.get("started_at")).isEqualTo(running.get("started_at"));
    assertThat(count("operations WHERE workflow_id = ?", "deploy:" + app + ":r3")).isEqualTo(1);
  }

  @Test
  void terminalOperationIsNotOverwrittenByALateRunning() {
    String app = app();
    String id = UUID.randomUUID().toString();
    statePort.saveOperation(op(id, app, OperationStatus.RUNNING, null));
    statePort.saveOperation(op(id, app, OperationStatus.SUCCEEDED, null));
    Map<String, Object> done = row("operations", "id = ?", id);

    statePort.saveOperation(op(id, app, OperationStatus.RUNNING, null)); // a late retry
    statePort.saveOperation(op(id, app, OperationStatus.FAILED, "late")); // or any later write

    Map<String, Object> after = row("operations", "id = ?", id);
    assertThat(after.get("status")).isEqualTo("SUCCEEDED");
    assertThat(after.get("error")).isNull();
    assertThat(after.get("finished_at")).isEqualTo(done.get("finished_at"));
    assertThat(after.get("updated_at")).isEqualTo(done.get("updated_at"));
  }

  @Test
  void operationThatIsTerminalOnItsFirstWriteIsFinished() {
    String app = app();
    String id = UUID.randomUUID().toString();
    statePort.saveOperation(op(id, app, OperationStatus.ABORTED, "aborted while queued"));
    Map<String, Object> aborted = row("operations", "id = ?", id);
    assertThat(aborted.get("finished_at")).isNotNull();
    assertThat(aborted.get("started_at")).isNull();
  }

  // ---------------------------------------------------------------- events

  @Test
  void retriedAppendEventLeavesOneRowAndNoGap() {
    String app = app();
    String id = UUID.randomUUID().toString();
    statePort.saveOperation(op(id, app, OperationStatus.RUNNING, null));

    statePort.appendEvent(new EventRecord(app, id, 0, "deploy.started", null, "to r3"));
    statePort.appendEvent(new EventRecord(app, id, 1, "instance.created", "web", "web-r3-0"));
    statePort.appendEvent(new EventRecord(app, id, 1, "instance.created", "web", "web-r3-0"));
    statePort.appendEvent(new EventRecord(app, id, 2, "deploy.succeeded", null, "done"));
    statePort.appendEvent(new EventRecord(app, id, 2, "deploy.succeeded", null, "done"));

    List<Map<String, Object>> log =
        sql.queryForList("SELECT * FROM events WHERE operation_id = ? ORDER BY seq", id);
    assertThat(log).extracting(e -> e.get("seq")).containsExactly(0, 1, 2);
    assertThat(log)
        .extracting(e -> e.get("type"))
        .containsExactly("deploy.started", "instance.created", "deploy.succeeded");
    assertThat(log).extracting(e -> e.get("actor")).containsOnly("alice");
    assertThat(events.findById((Long) log.get(1).get("id")).orElseThrow().toRecord())
        .isEqualTo(new EventRecord(app, id, 1, "instance.created", "web", "web-r3-0"));

    // app-level events (no operation) are deduplicated per app
    statePort.appendEvent(new EventRecord(app, null, 0, "instance.replaced", "web", "healed"));
    statePort.appendEvent(new EventRecord(app, null, 0, "instance.replaced", "web", "healed"));
    assertThat(count("events WHERE app = ? AND operation_id IS NULL", app)).isEqualTo(1);
  }

  @Test
  void eventsAreAppendOnly() {
    String app = app();
    statePort.appendEvent(new EventRecord(app, null, 0, "note", null, "hello"));
    assertThatThrownBy(() -> sql.update("UPDATE events SET message = 'edited' WHERE app = ?", app))
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("append-only");
  }

  // ---------------------------------------------------------------- instances

  @Test
  void saveInstanceIsIdempotentAndOldAndNewOfASlotCoexist() {
    String app = app();
    String host = host();
    registry.register(host, "unix:///run/" + host + ".sock", null, Map.of(), HostStatus.READY);
    String opId = UUID.randomUUID().toString();
    statePort.saveOperation(op(opId, app, OperationStatus.RUNNING, null));
    Instance old = instance(app, host, 1, 0, "c-old", "running", "healthy");
    Instance created = instance(app, host, 2, 0, "c-new", "created", "none");

    statePort.saveInstance(old, null);
    statePort.saveInstance(created, opId);
    Map<String, Object> first = row("instances", "container_name = ?", created.containerName());
    statePort.saveInstance(created, opId);
    Map<String, Object> again = row("instances", "container_name = ?", created.containerName());

    assertThat(count("instances WHERE app = ?", app)).isEqualTo(2);
    assertThat(instances.findById(new InstanceId(app, "web", 2, 0)).orElseThrow().toInstance())
        .isEqualTo(created);
    assertThat(again.get("operation_id")).isEqualTo(opId);
    assertThat(again.get("updated_at")).isEqualTo(first.get("updated_at"));

    Instance healthy = instance(app, host, 2, 0, "c-new", "running", "healthy");
    statePort.saveInstance(healthy, null); // no operation given: keeps the known one
    assertThat(instances.findById(new InstanceId(app, "web", 2, 0)).orElseThrow().toInstance())
        .isEqualTo(healthy);
    assertThat(row("instances", "container_name = ?", healthy.containerName()))
        .containsEntry("operation_id", opId);

    statePort.forgetInstance(old);
    statePort.forgetInstance(old);
    assertThat(sql.queryForList("SELECT revision FROM instances WHERE app = ?", Integer.class, app))
        .containsExactly(2);
  }

  @Test
  void saveInstanceNamesTheContainerWhenTheCallerDoesNot() {
    String app = app();
    String host = host();
    registry.register(host, "tcp://127.0.0.1:2375", null, Map.of(), HostStatus.READY);
    statePort.saveInstance(
        new Instance(app, "db", 1, 3, host, null, null, "created", null, null), null);
    assertThat(
            instances
                .findById(new InstanceId(app, "db", 1, 3))
                .orElseThrow()
                .toInstance()
                .containerName())
        .isEqualTo(app + "-db-r1-3");
  }

  // ---------------------------------------------------------------- hosts

  @Test
  void readyHostsFiltersByStatus() {
    String ready = host();
    String draining = host();
    String unreachable = host();
    String removed = host();
    for (String h : List.of(ready, draining, unreachable, removed)) {
      registry.register(
          h, "unix:///run/" + h + ".sock", null, Map.of("zone", "a"), HostStatus.READY);
    }
    assertThat(registry.setStatus(draining, HostStatus.DRAINING)).isTrue();
    assertThat(registry.setStatus(unreachable, HostStatus.UNREACHABLE)).isTrue();
    assertThat(registry.setStatus(removed, HostStatus.REMOVED)).isTrue();
    assertThat(registry.setStatus("no-such-host", HostStatus.READY)).isFalse();

    List<String> names = statePort.readyHosts().stream().map(Host::name).toList();
    assertThat(names).contains(ready).doesNotContain(draining, unreachable, removed);
    assertThat(hosts.findAllById(names))
        .extracting(HostEntity::getStatus)
        .containsOnly(HostStatus.READY);
    // Removed hosts are neither listed nor watched; an unreachable one is, so it can come back.
    assertThat(directory.all())
        .extracting(Host::name)
        .contains(ready, draining, unreachable)
        .doesNotContain(removed);
    assertThat(directory.reachable(ready)).isTrue();
    assertThat(directory.reachable(draining)).isTrue();
    assertThat(directory.reachable(unreachable)).isFalse();
    assertThat(directory.reachable(removed)).isFalse();
    assertThat(directory.reachable("no-such-host")).isFalse();
  }

  @Test
  void aHostJoinedThroughTheApiIsNotReadyBeforeItsFirstCheck() {
    String name = host();
    registry.register(name, "tcp://127.0.0.1:2376", null, Map.of(), HostStatus.UNREACHABLE);
    registry.setMessage(name, "joining");

    assertThat(hosts.findById(name))
        .get()
        .extracting(HostEntity::getStatus)
        .isEqualTo(HostStatus.UNREACHABLE);
    assertThat(statePort.readyHosts()).extracting(Host::name).doesNotContain(name);
  }

  @Test
  void registerIsAnIdempotentUpsert() {
    String name = host();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("zone", "b");
    labels.put("disk", "ssd");
    registry.register(name, "unix:///run/a.sock", null, labels, HostStatus.READY);
    Map<String, Object> first = row("hosts", "name = ?", name);
    registry.register(name, "unix:///run/a.sock", null, labels, HostStatus.READY);
    Map<String, Object> second = row("hosts", "name = ?", name);

    assertThat(count("hosts WHERE name = ?", name)).isEqualTo(1);
    assertThat(second.get("updated_at")).isEqualTo(first.get("updated_at"));
    assertThat(second.get("status")).isEqualTo("READY");
    assertThat(directory.find(name))
        .contains(
            new Host(
                name, "unix:///run/a.sock", "127.0.0.1", Map.of("zone", "b", "disk", "ssd"), 0, 0));

    assertThat(registry.updateCapacity(name, 8, 16L << 30, "1.47")).isTrue();
    assertThat(registry.updateCapacity(name, 8, 16L << 30, "1.47")).isTrue();
    HostEntity sized = hosts.findById(name).orElseThrow();
    assertThat(sized.toHost().cpus()).isEqualTo(8);
    assertThat(sized.toHost().memoryBytes()).isEqualTo(16L << 30);
    assertThat(row("hosts", "name = ?", name).get("api_version")).isEqualTo("1.47");

    // re-registering keeps an operator's DRAINING, and revives an UNREACHABLE host
    registry.setStatus(name, HostStatus.DRAINING);
    registry.register(name, "tcp://10.0.0.5:2376", null, labels, HostStatus.READY);
    assertThat(hosts.findById(name).orElseThrow().getStatus()).isEqualTo(HostStatus.DRAINING);
    assertThat(hosts.findById(name).orElseThrow().toHost().endpoint())
        .isEqualTo("tcp://10.0.0.5:2376");
    // with no address given, a TCP engine is reached at the endpoint's address
    assertThat(hosts.findById(name).orElseThrow().toHost().address()).isEqualTo("10.0.0.5");
    registry.register(name, "tcp://10.0.0.5:2376", "192.168.7.9", labels, HostStatus.READY);
    assertThat(hosts.findById(name).orElseThrow().toHost().address()).isEqualTo("192.168.7.9");
    // a unix socket (e.g. a proxy in front of the engine) says nothing of the address: it stays
    registry.register(name, "unix:///run/proxy.sock", null, labels, HostStatus.READY);
    assertThat(hosts.findById(name).orElseThrow().toHost().address()).isEqualTo("192.168.7.9");
    registry.register(name, "tcp://10.0.0.5:2376", null, labels, HostStatus.READY);
    String local = host();
    registry.register(local, "unix:///run/docker.sock", null, labels, HostStatus.READY);
    assertThat(hosts.findById(local).orElseThrow().toHost().address()).isEqualTo("127.0.0.1");
    registry.setStatus(name, HostStatus.UNREACHABLE);
    registry.register(name, "tcp://10.0.0.5:2376", null, labels, HostStatus.READY);
    assertThat(hosts.findById(name).orElseThrow().getStatus()).isEqualTo(HostStatus.READY);
    assertThat(directory.find("no-such-host")).isEmpty();
  }

  // ---------------------------------------------------------------- tokens and wiring

  @Test
  void apiTokensAreFoundByHash() {
    String name = "ci-" + UUID.randomUUID();
    ApiTokenEntity saved =
        tokens.save(new ApiTokenEntity(name, "secret-" + name, ApiRole.DEPLOYER));
    ApiTokenEntity found =
        tokens
            .findByTokenHashAndRevokedAtIsNull(ApiTokenEntity.hash("secret-" + name))
            .orElseThrow();
    assertThat(found.getId()).isEqualTo(saved.getId());
    assertThat(found.getRole()).isEqualTo(ApiRole.DEPLOYER);
    assertThat(row("api_tokens", "name = ?", name).get("token_hash").toString())
        .matches("[0-9a-f]{64}");
    assertThat(tokens.touch(found.getId(), java.time.Instant.now())).isEqualTo(1);
    assertThat(tokens.findByName(name).orElseThrow().getLastUsedAt()).isNotNull();
  }

  @Test
  void transactionalBeanCanBeRegisteredAsATemporalActivity() {
    assertThat(AopUtils.isAopProxy(state)).isTrue();
    POJOActivityImplMetadata metadata = POJOActivityImplMetadata.newInstance(state.getClass());
    assertThat(metadata.getActivityMethods())
        .extracting(m -> m.getActivityTypeName())
        .contains("SaveRevision", "SaveOperation", "AppendEvent", "ReadyHosts");
  }

  // ---------------------------------------------------------------- helpers

  /** One stored row as the table has it: column name to value. */
  private Map<String, Object> row(String table, String where, Object... args) {
    return sql.queryForMap("SELECT * FROM " + table + " WHERE " + where, args);
  }

  private int count(String fromWhere, Object... args) {
    return sql.queryForObject("SELECT count(*) FROM " + fromWhere, Integer.class, args);
  }

  private static String app() {
    return "app" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String host() {
    return "host-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static OperationRecord op(String id, String app, OperationStatus status, String error) {
    return new OperationRecord(
        id,
        app,
        OperationKind.DEPLOY,
        3,
        status,
        "deploy:" + app + ":r3",
        "run-1",
        "alice",
        "ship it",
        error);
  }

  private static Instance instance(
      String app, String host, int revision, int slot, String id, String state, String health) {
    return new Instance(
        app,
        "web",
        revision,
        slot,
        host,
        id,
        Instance.containerName(app, "web", revision, slot),
        state,
        health,
        "127.0.0.1:3" + revision + "00" + slot);
  }

  static AppSpec spec(String app, String image) {
    ServiceSpec web =
        new ServiceSpec(
            "web",
            image,
            List.of("httpd", "-f", "-p", "8080"),
            List.of(),
            Map.of("MODE", "prod", "EMPTY", ""),
            List.of(new PortSpec(8080, 0, "127.0.0.1", "tcp")),
            new HealthCheck(List.of("CMD", "wget", "-q", "localhost:8080"), 1000, 500, 3, 0, false),
            new HttpProbe("/healthz", 8080, 500, 300, 5),
            List.of("db"),
            Map.of("team", "core"),
            3,
            new UpdatePolicy(
                2,
                1000,
                UpdatePolicy.FailureAction.ROLLBACK,
                5000,
                0.25,
                UpdatePolicy.Order.START_FIRST),
            UpdatePolicy.defaults(),
            List.of("node.labels.zone==a"),
            new Resources(0.5, 256L << 20, 0.25, 128L << 20),
            true,
            10_000,
            null,
            null,
            null,
            false,
            false,
            null,
            null);
    ServiceSpec db =
        new ServiceSpec(
            "db",
            "registry.local/db:1",
            List.of(),
            List.of(),
            Map.of(),
            List.of(),
            null,
            null,
            List.of(),
            Map.of(),
            1,
            UpdatePolicy.defaults(),
            UpdatePolicy.defaults(),
            List.of(),
            Resources.none(),
            false,
            10_000,
            null,
            null,
            null,
            false,
            false,
            null,
            null);
    return new AppSpec(app, List.of(web, db), AppSpec.DEFAULT_PROGRESS_DEADLINE_MILLIS);
  }
}

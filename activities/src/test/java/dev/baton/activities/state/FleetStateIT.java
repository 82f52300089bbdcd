package dev.baton.activities.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.HostUsage;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.Revision;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The fleet's state queries: usage across apps, rollback source, outcome and history pruning. */
@SpringBootTest(classes = StateTestApplication.class)
class FleetStateIT {
  static final TestDatabase DB = TestDatabase.fromEnvironment();
  static final String SCHEMA = "baton_it_" + UUID.randomUUID().toString().replace("-", "");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> DB.withParameter("currentSchema", SCHEMA));
    registry.add("spring.datasource.username", DB::user);
    registry.add("spring.datasource.password", DB::password);
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.default-schema", () -> SCHEMA);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(DB.jdbcUrl(), DB.user(), DB.password());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Autowired JpaStateActivities state;
  @Autowired HostRegistry registry;
  @Autowired JdbcTemplate sql;

  private static Instance web(String app, int revision, int slot, String host) {
    return new Instance(
        app,
        "web",
        revision,
        slot,
        host,
        "id-" + app + slot,
        Instance.containerName(app, "web", revision, slot),
        "running",
        "healthy",
        null);
  }

  @Test
  void hostUsageSumsOtherAppsReservations() {
    registry.register("u1", "unix:///u1.sock", null, Map.of(), HostStatus.READY);
    // StateActivitiesIT.spec: web reserves 0.25 cpus and 128 MiB, db nothing.
    state.saveRevision(
        "shop", new Revision(1, StateActivitiesIT.spec("shop", "web:1"), null, null), "t", null);
    state.saveInstance(web("shop", 1, 1, "u1"), null);
    state.saveInstance(web("shop", 1, 2, "u1"), null);

    Map<String, HostUsage> forOthers = state.hostUsage("blog");
    Map<String, HostUsage> forShop = state.hostUsage("shop");

    assertThat(forOthers.get("u1")).isEqualTo(new HostUsage(2, 0.5, 256L << 20));
    assertThat(forShop).doesNotContainKey("u1");
  }

  @Test
  void rollbackSourceOutcomeAndPruning() {
    String app = "hist";
    for (int n = 1; n <= 4; n++) {
      state.saveRevision(
          app, new Revision(n, StateActivitiesIT.spec(app, "web:" + n), null, null), "t", null);
    }
    state.setCurrentRevision(app, 1);
    state.setRevisionOutcome(app, 1, "SUCCEEDED");
    state.setRevisionOutcome(app, 2, "FAILED");
    state.setRevisionOutcome(app, 3, "SUCCEEDED");

    assertThat(state.rollbackSource(app, 0, 4).number()).isEqualTo(3);
    assertThat(state.rollbackSource(app, 0, 3).number()).isEqualTo(1);
    assertThat(state.rollbackSource(app, 2, 4).spec().services().get(0).image()).isEqualTo("web:2");
    assertThat(state.rollbackSource(app, 0, 1)).isNull();
    assertThat(state.rollbackSource(app, 9, 4)).isNull();

    state.setRevisionHistory(2);
    try {
      state.setRevisionOutcome(app, 4, "SUCCEEDED");
    } finally {
      state.setRevisionHistory(10);
    }

    // Keeps the 2 newest and the current one (r1).
    assertThat(
            sql.queryForList(
                "SELECT number FROM revisions WHERE app = ? ORDER BY number", Integer.class, app))
        .containsExactly(1, 3, 4);
    assertThat(
            sql.queryForObject(
                "SELECT outcome FROM revisions WHERE app = ? AND number = 4", String.class, app))
        .isEqualTo("SUCCEEDED");
    state.clearCurrentRevision(app);
    assertThat(
            sql.queryForObject(
                "SELECT current_revision FROM apps WHERE name = ?", Integer.class, app))
        .isNull();
  }
}

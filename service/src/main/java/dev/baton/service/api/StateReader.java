package dev.baton.service.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read side of the runtime state for the API: plain SQL, rows as JSON-ready maps. */
@Component
public class StateReader {
  private final JdbcClient jdbc;

  public StateReader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Map<String, Object>> apps() {
    return jdbc.sql(
            """
            SELECT a.name, a.current_revision AS "currentRevision",
                   a.created_at AS "createdAt", a.updated_at AS "updatedAt"
            FROM apps a ORDER BY a.name""")
        .query()
        .listOfRows();
  }

  public Optional<Map<String, Object>> app(String name) {
    return jdbc
        .sql(
            """
            SELECT a.name, a.current_revision AS "currentRevision",
                   (SELECT max(number) FROM revisions r WHERE r.app = a.name) AS "latestRevision",
                   a.created_at AS "createdAt", a.updated_at AS "updatedAt"
            FROM apps a WHERE a.name = ?""")
        .param(name)
        .query()
        .listOfRows()
        .stream()
        .findFirst();
  }

  /** The spec of a revision as stored (JSON text), if it exists. */
  public Optional<String> revisionSpec(String app, int number) {
    return jdbc.sql("SELECT spec::text FROM revisions WHERE app = ? AND number = ?")
        .params(app, number)
        .query(String.class)
        .optional();
  }

  /** The Compose file of the app's latest revision, if it has one. */
  public Optional<String> latestYaml(String app) {
    return jdbc.sql(
            "SELECT yaml FROM revisions WHERE app = ? AND yaml IS NOT NULL"
                + " ORDER BY number DESC LIMIT 1")
        .param(app)
        .query(String.class)
        .optional();
  }

  /** Operations, newest first, optionally of one app and/or in one status. */
  public List<Map<String, Object>> operations(String app, String status, int limit) {
    return jdbc.sql(
            OPERATION_COLUMNS
                + " WHERE (CAST(? AS text) IS NULL OR app = ?)"
                + " AND (CAST(? AS text) IS NULL OR status = ?)"
                + " ORDER BY created_at DESC LIMIT ?")
        .params(app, app, status, status, limit)
        .query()
        .listOfRows();
  }

  /** The stored status of an operation, if it exists. */
  public Optional<String> status(String id) {
    return jdbc.sql("SELECT status FROM operations WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  public int latestRevision(String app) {
    return jdbc.sql("SELECT coalesce(max(number), 0) FROM revisions WHERE app = ?")
        .param(app)
        .query(Integer.class)
        .single();
  }

  public List<Map<String, Object>> instances(String app) {
    return jdbc.sql(
            """
            SELECT service, revision, slot, host, container_id AS "containerId",
                   container_name AS "containerName", state, health, address,
                   operation_id AS "operationId", updated_at AS "updatedAt"
            FROM instances WHERE app = ? ORDER BY service, slot, revision""")
        .param(app)
        .query()
        .listOfRows();
  }

  public Optional<Map<String, Object>> operation(String id) {
    return jdbc.sql(OPERATION_COLUMNS + " WHERE id = ?").param(id).query().listOfRows().stream()
        .findFirst();
  }

  public List<Map<String, Object>> operations(String app, int limit) {
    return jdbc.sql(OPERATION_COLUMNS + " WHERE app = ? ORDER BY created_at DESC LIMIT ?")
        .params(app, limit)
        .query()
        .listOfRows();
  }

  public List<Map<String, Object>> events(String operationId, long afterSeq) {
    return jdbc.sql(
            """
            SELECT seq, type, service, message, actor, created_at AS "at"
            FROM events WHERE operation_id = ? AND seq > ? ORDER BY seq""")
        .params(operationId, afterSeq)
        .query()
        .listOfRows();
  }

  public List<Map<String, Object>> hosts() {
    return jdbc.sql(
            """
            SELECT name, endpoint, labels::text AS labels, cpus, memory_bytes AS "memoryBytes",
                   status, api_version AS "apiVersion"
            FROM hosts ORDER BY name""")
        .query()
        .listOfRows();
  }

  private static final String OPERATION_COLUMNS =
      """
      SELECT id, app, kind, revision, status, workflow_id AS "workflowId", run_id AS "runId",
             requested_by AS "requestedBy", reason, error, created_at AS "createdAt",
             started_at AS "startedAt", finished_at AS "finishedAt"
      FROM operations""";
}

package dev.baton.activities.state;

import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.HostUsage;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.ports.EventRecord;
import dev.baton.workflows.ports.OperationRecord;
import dev.baton.workflows.ports.StateActivities;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link StateActivities} on PostgreSQL. Every write is one idempotent SQL upsert keyed by the
 * row's natural key, so a retried activity (or a replayed workflow calling it again) leaves exactly
 * the rows a single call would have; a repeated call with the same values does not even touch
 * {@code updated_at}. Reads go through the JPA repositories.
 *
 * <p>Each method is its own transaction. Rows an upsert depends on are made on the way: the app row
 * by any write that names an app. Hosts are not: an instance on an unknown host is an error.
 */
@Component
@Transactional
public class JpaStateActivities implements StateActivities {

  /** Error type of the non-retryable failure when a revision number is reused for another spec. */
  public static final String REVISION_CONFLICT = "RevisionConflict";

  private final NamedParameterJdbcTemplate jdbc;
  private final HostRepository hosts;

  public JpaStateActivities(DataSource dataSource, HostRepository hosts) {
    this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    this.hosts = hosts;
  }

  @Override
  public void saveRevision(String app, Revision revision, String createdBy, String reason) {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(revision.spec(), "revision.spec");
    ensureApp(app);
    String spec = StateJson.write(revision.spec());
    String digest = revision.digest() != null ? revision.digest() : "sha256:" + sha256(spec);
    // A revision is immutable: a retry (same digest) only fills in who/why if they were missing;
    // another spec under the same number updates nothing, and that is an error, not a retry.
    int rows =
        jdbc.update(
            """
            INSERT INTO revisions (app, number, spec, yaml, digest, created_by, reason)
            VALUES (:app, :number, CAST(:spec AS jsonb), :yaml, :digest, :createdBy, :reason)
            ON CONFLICT (app, number) DO UPDATE
               SET created_by = COALESCE(revisions.created_by, EXCLUDED.created_by),
                   reason = COALESCE(revisions.reason, EXCLUDED.reason)
             WHERE revisions.digest = EXCLUDED.digest
            """,
            new MapSqlParameterSource()
                .addValue("app", app)
                .addValue("number", revision.number())
                .addValue("spec", spec)
                .addValue("yaml", revision.yaml())
                .addValue("digest", digest)
                .addValue("createdBy", createdBy)
                .addValue("reason", reason));
    if (rows == 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "revision "
              + revision.number()
              + " of app "
              + app
              + " already exists with another spec (digest differs from "
              + digest
              + ")",
          REVISION_CONFLICT);
    }
  }

  @Override
  public void saveOperation(OperationRecord op) {
    Objects.requireNonNull(op.id(), "operation.id");
    Objects.requireNonNull(op.status(), "operation.status");
    ensureApp(op.app());
    OperationStatus status = op.status();
    // started_at: when it first left the queue (an operation aborted while queued never started);
    // finished_at: when it first became terminal. A terminal row is final: later writes (a late
    // RUNNING from a retried activity, say) change nothing.
    boolean started = status != OperationStatus.QUEUED && status != OperationStatus.ABORTED;
    jdbc.update(
        """
        INSERT INTO operations AS o (id, app, kind, revision, status, workflow_id, run_id,
                                     requested_by, reason, error, started_at, finished_at)
        VALUES (:id, :app, :kind, :revision, :status, :workflowId, :runId,
                :requestedBy, :reason, :error,
                CASE WHEN :started THEN now() END, CASE WHEN :terminal THEN now() END)
        ON CONFLICT (id) DO UPDATE
           SET status = EXCLUDED.status,
               revision = EXCLUDED.revision,
               run_id = COALESCE(EXCLUDED.run_id, o.run_id),
               requested_by = COALESCE(EXCLUDED.requested_by, o.requested_by),
               reason = COALESCE(EXCLUDED.reason, o.reason),
               error = COALESCE(EXCLUDED.error, o.error),
               started_at = COALESCE(o.started_at, EXCLUDED.started_at),
               finished_at = COALESCE(o.finished_at, EXCLUDED.finished_at),
               updated_at = now()
         WHERE o.status NOT IN ('SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'ABORTED')
           AND (o.status, o.revision, o.run_id, o.requested_by, o.reason, o.error)
               IS DISTINCT FROM
               (EXCLUDED.status, EXCLUDED.revision, COALESCE(EXCLUDED.run_id, o.run_id),
                COALESCE(EXCLUDED.requested_by, o.requested_by),
                COALESCE(EXCLUDED.reason, o.reason), COALESCE(EXCLUDED.error, o.error))
        """,
        new MapSqlParameterSource()
            .addValue("id", op.id())
            .addValue("app", op.app())
            .addValue("kind", op.kind() == null ? null : op.kind().name())
            .addValue("revision", op.revision())
            .addValue("status", status.name())
            .addValue("workflowId", op.workflowId())
            .addValue("runId", op.runId())
            .addValue("requestedBy", op.requestedBy())
            .addValue("reason", op.reason())
            .addValue("error", op.error())
            .addValue("started", started)
            .addValue("terminal", status.terminal()));
  }

  @Override
  public void appendEvent(EventRecord event) {
    Objects.requireNonNull(event.app(), "event.app");
    Objects.requireNonNull(event.type(), "event.type");
    ensureApp(event.app());
    // Keyed by (operation_id, seq), or (app, seq) for an app-level event: a retry is a no-op. The
    // actor is whoever requested the operation.
    jdbc.update(
        """
        INSERT INTO events (app, operation_id, seq, type, service, message, actor)
        VALUES (:app, :operationId, :seq, :type, :service, :message,
                (SELECT requested_by FROM operations WHERE id = :operationId))
        ON CONFLICT DO NOTHING
        """,
        new MapSqlParameterSource()
            .addValue("app", event.app())
            .addValue("operationId", event.operationId())
            .addValue("seq", event.seq())
            .addValue("type", event.type())
            .addValue("service", event.service())
            .addValue("message", event.message()));
  }

  @Override
  public void saveInstance(Instance instance, String operationId) {
    Objects.requireNonNull(instance.app(), "instance.app");
    Objects.requireNonNull(instance.service(), "instance.service");
    Objects.requireNonNull(instance.host(), "instance.host");
    ensureApp(instance.app());
    String name =
        instance.containerName() != null
            ? instance.containerName()
            : Instance.containerName(
                instance.app(), instance.service(), instance.revision(), instance.slot());
    // The latest observation wins, except that an unknown container id or operation does not
    // erase a known one.
    jdbc.update(
        """
        INSERT INTO instances AS i (app, service, revision, slot, host, container_id,
                                    container_name, state, health, address, operation_id)
        VALUES (:app, :service, :revision, :slot, :host, :containerId,
                :containerName, :state, :health, :address, :operationId)
        ON CONFLICT (app, service, revision, slot) DO UPDATE
           SET host = EXCLUDED.host,
               container_id = COALESCE(EXCLUDED.container_id, i.container_id),
               container_name = EXCLUDED.container_name,
               state = EXCLUDED.state,
               health = EXCLUDED.health,
               address = EXCLUDED.address,
               operation_id = COALESCE(EXCLUDED.operation_id, i.operation_id),
               updated_at = now()
         WHERE (i.host, i.container_id, i.container_name, i.state, i.health, i.address,
                i.operation_id)
               IS DISTINCT FROM
               (EXCLUDED.host, COALESCE(EXCLUDED.container_id, i.container_id),
                EXCLUDED.container_name, EXCLUDED.state, EXCLUDED.health, EXCLUDED.address,
                COALESCE(EXCLUDED.operation_id, i.operation_id))
        """,
        new MapSqlParameterSource()
            .addValue("app", instance.app())
            .addValue("service", instance.service())
            .addValue("revision", instance.revision())
            .addValue("slot", instance.slot())
            .addValue("host", instance.host())
            .addValue("containerId", instance.containerId())
            .addValue("containerName", name)
            .addValue("state", instance.state())
            .addValue("health", instance.health())
            .addValue("address", instance.address())
            .addValue("operationId", operationId));
  }

  @Override
  public void forgetInstance(Instance instance) {
    jdbc.update(
        """
        DELETE FROM instances
         WHERE app = :app AND service = :service AND revision = :revision AND slot = :slot
        """,
        new MapSqlParameterSource()
            .addValue("app", instance.app())
            .addValue("service", instance.service())
            .addValue("revision", instance.revision())
            .addValue("slot", instance.slot()));
  }

  @Override
  public void syncInstances(String app, List<Instance> seen) {
    ensureApp(app);
    List<String> names = seen.stream().map(Instance::containerName).toList();
    jdbc.update(
        names.isEmpty()
            ? "DELETE FROM instances WHERE app = :app"
            : "DELETE FROM instances WHERE app = :app AND container_name NOT IN (:names)",
        new MapSqlParameterSource().addValue("app", app).addValue("names", names));
    seen.forEach(instance -> saveInstance(instance, null));
  }

  @Override
  public void setCurrentRevision(String app, int revision) {
    // The foreign key (name, current_revision) -> revisions makes an unknown revision an error.
    jdbc.update(
        """
        INSERT INTO apps AS a (name, current_revision) VALUES (:app, :revision)
        ON CONFLICT (name) DO UPDATE
           SET current_revision = EXCLUDED.current_revision, updated_at = now()
         WHERE a.current_revision IS DISTINCT FROM EXCLUDED.current_revision
        """,
        new MapSqlParameterSource().addValue("app", app).addValue("revision", revision));
  }

  @Override
  @Transactional(readOnly = true)
  public List<Host> readyHosts() {
    return hosts.findByStatusOrderByName(HostStatus.READY).stream()
        .map(HostEntity::toHost)
        .toList();
  }

  /** How many revisions each app keeps ({@code baton.revision-history}); the current one stays. */
  private int revisionHistory = 10;

  @Value("${baton.revision-history:10}")
  public void setRevisionHistory(int revisionHistory) {
    this.revisionHistory = Math.max(1, revisionHistory);
  }

  @Override
  @Transactional(readOnly = true)
  public Map<String, HostUsage> hostUsage(String app) {
    // Each instance reserves what its revision's spec says for its service.
    Map<String, HostUsage> out = new TreeMap<>();
    jdbc.query(
        """
        SELECT i.host, count(*) AS n,
               coalesce(sum((svc->'resources'->>'cpusReservation')::float8), 0) AS cpus,
               coalesce(sum((svc->'resources'->>'memoryReservationBytes')::bigint), 0) AS memory
          FROM instances i
          LEFT JOIN revisions r ON r.app = i.app AND r.number = i.revision
          LEFT JOIN LATERAL (SELECT s FROM jsonb_array_elements(r.spec->'services') s
                              WHERE s->>'name' = i.service) AS x(svc) ON true
         WHERE i.app <> :app
         GROUP BY i.host
        """,
        new MapSqlParameterSource("app", app == null ? "" : app),
        rs -> {
          out.put(
              rs.getString("host"),
              new HostUsage(rs.getInt("n"), rs.getDouble("cpus"), rs.getLong("memory")));
        });
    return out;
  }

  @Override
  @Transactional(readOnly = true)
  public Revision rollbackSource(String app, int requested, int before) {
    List<Revision> found =
        jdbc.query(
            requested > 0
                ? "SELECT number, spec::text AS spec, digest, yaml FROM revisions"
                    + " WHERE app = :app AND number = :requested"
                : "SELECT number, spec::text AS spec, digest, yaml FROM revisions"
                    + " WHERE app = :app AND number < :before AND outcome = 'SUCCEEDED'"
                    + " ORDER BY number DESC LIMIT 1",
            new MapSqlParameterSource()
                .addValue("app", app)
                .addValue("requested", requested)
                .addValue("before", before),
            (rs, n) ->
                new Revision(
                    rs.getInt("number"),
                    StateJson.readSpec(rs.getString("spec")),
                    rs.getString("digest"),
                    rs.getString("yaml")));
    return found.isEmpty() ? null : found.get(0);
  }

  @Override
  public void setRevisionOutcome(String app, int revision, String outcome) {
    jdbc.update(
        """
        UPDATE revisions SET outcome = :outcome
         WHERE app = :app AND number = :revision AND outcome IS DISTINCT FROM :outcome
        """,
        new MapSqlParameterSource()
            .addValue("app", app)
            .addValue("revision", revision)
            .addValue("outcome", outcome));
    // Keep the newest revisionHistory revisions, and always the current one (foreign key).
    jdbc.update(
        """
        DELETE FROM revisions r
         WHERE r.app = :app
           AND r.number <= (SELECT max(number) FROM revisions WHERE app = :app) - :keep
           AND r.number IS DISTINCT FROM (SELECT current_revision FROM apps WHERE name = :app)
        """,
        new MapSqlParameterSource().addValue("app", app).addValue("keep", revisionHistory));
  }

  @Override
  public void clearCurrentRevision(String app) {
    jdbc.update(
        "UPDATE apps SET current_revision = NULL, updated_at = now()"
            + " WHERE name = :app AND current_revision IS NOT NULL",
        new MapSqlParameterSource("app", app));
  }

  private void ensureApp(String app) {
    Objects.requireNonNull(app, "app");
    jdbc.update(
        "INSERT INTO apps (name) VALUES (:app) ON CONFLICT (name) DO NOTHING",
        new MapSqlParameterSource("app", app));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

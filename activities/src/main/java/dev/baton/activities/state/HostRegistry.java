package dev.baton.activities.state;

import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes of {@code hosts}: registration at boot, capacity and status. All idempotent. */
@Component
@Transactional
public class HostRegistry {

  private final NamedParameterJdbcTemplate jdbc;

  public HostRegistry(DataSource dataSource) {
    this.jdbc = new NamedParameterJdbcTemplate(dataSource);
  }

  /**
   * Registers a Docker engine, or updates the endpoint and labels of a known one. A new host is
   * READY; a known host keeps its status, except that an UNREACHABLE one is READY again (it is
   * registered because the stack has it). DRAINING and REMOVED are an operator's decisions and
   * stay. Capacity is filled in later by {@link #updateCapacity}.
   */
  public void register(String name, String endpoint, Map<String, String> labels) {
    register(name, endpoint, labels, HostStatus.READY);
  }

  /**
   * The same, with the status of a host not known before: a host joined through the API is
   * UNREACHABLE until its first check (TLS, API version, capacity) passes, so nothing is placed on
   * an engine Baton has not talked to yet.
   */
  public void register(
      String name, String endpoint, Map<String, String> labels, HostStatus initial) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    jdbc.update(
        """
        INSERT INTO hosts AS h (name, endpoint, labels, status)
        VALUES (:name, :endpoint, CAST(:labels AS jsonb), :initial)
        ON CONFLICT (name) DO UPDATE
           SET endpoint = EXCLUDED.endpoint,
               labels = EXCLUDED.labels,
               status = CASE WHEN h.status = 'UNREACHABLE' THEN 'READY' ELSE h.status END,
               updated_at = now()
         WHERE (h.endpoint, h.labels, h.status = 'UNREACHABLE')
               IS DISTINCT FROM (EXCLUDED.endpoint, EXCLUDED.labels, false)
        """,
        new MapSqlParameterSource()
            .addValue("name", name)
            .addValue("endpoint", endpoint)
            .addValue("labels", StateJson.writeLabels(labels))
            .addValue("initial", initial.name()));
  }

  /** Records what the engine reported. Returns false when no such host is registered. */
  public boolean updateCapacity(String name, int cpus, long memoryBytes, String apiVersion) {
    jdbc.update(
        """
        UPDATE hosts
           SET cpus = :cpus, memory_bytes = :memoryBytes, api_version = :apiVersion,
               updated_at = now()
         WHERE name = :name
           AND (cpus, memory_bytes, api_version)
               IS DISTINCT FROM (:cpus, :memoryBytes, CAST(:apiVersion AS text))
        """,
        new MapSqlParameterSource()
            .addValue("name", name)
            .addValue("cpus", cpus)
            .addValue("memoryBytes", memoryBytes)
            .addValue("apiVersion", apiVersion));
    return exists(name);
  }

  /** Moves a host to {@code status}. Returns false when no such host is registered. */
  public boolean setStatus(String name, HostStatus status) {
    jdbc.update(
        """
        UPDATE hosts SET status = :status, updated_at = now()
         WHERE name = :name AND status <> :status
        """,
        new MapSqlParameterSource().addValue("name", name).addValue("status", status.name()));
    return exists(name);
  }

  /** Why the host is not READY, for operators (null: nothing to say). */
  public void setMessage(String name, String message) {
    jdbc.update(
        """
        UPDATE hosts SET status_message = :message, updated_at = now()
         WHERE name = :name AND status_message IS DISTINCT FROM :message
        """,
        new MapSqlParameterSource().addValue("name", name).addValue("message", message));
  }

  private boolean exists(String name) {
    Integer n =
        jdbc.queryForObject(
            "SELECT count(*) FROM hosts WHERE name = :name",
            new MapSqlParameterSource("name", name),
            Integer.class);
    return n != null && n > 0;
  }
}

package dev.baton.service.api;

import dev.baton.activities.state.StateJson;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.HostUsage;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.StateActivities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read side of the fleet endpoints: revision history, hosts with their usage and instances. */
@Component
public class FleetReader {
  private final JdbcClient jdbc;
  private final StateActivities state;

  public FleetReader(JdbcClient jdbc, StateActivities state) {
    this.jdbc = jdbc;
    this.state = state;
  }

  public boolean appExists(String app) {
    return jdbc.sql("SELECT count(*) FROM apps WHERE name = ?")
            .param(app)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Retained revisions, newest first, each with its replica counts and outcome. */
  public List<Map<String, Object>> revisions(String app) {
    return jdbc.sql(
            """
            SELECT r.number, r.digest, r.created_by, r.reason, r.outcome, r.created_at,
                   r.spec::text AS spec, (a.current_revision = r.number) AS current
              FROM revisions r JOIN apps a ON a.name = r.app
             WHERE r.app = ? ORDER BY r.number DESC""")
        .param(app)
        .query(
            (rs, n) -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("revision", rs.getInt("number"));
              row.put("current", rs.getBoolean("current"));
              row.put("digest", rs.getString("digest"));
              row.put("createdBy", rs.getString("created_by"));
              row.put("reason", rs.getString("reason"));
              row.put("outcome", rs.getString("outcome"));
              row.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
              AppSpec spec = StateJson.readSpec(rs.getString("spec"));
              Map<String, Object> services = new LinkedHashMap<>();
              for (ServiceSpec s : spec.services()) {
                services.put(s.name(), Map.of("image", s.image(), "replicas", s.replicas()));
              }
              row.put("services", services);
              row.put("spec", spec);
              return row;
            })
        .list();
  }

  /** The app's current revision as stored, to seed a restarted controller. */
  public Optional<Revision> currentRevision(String app) {
    return jdbc.sql(
            """
            SELECT r.number, r.spec::text AS spec, r.digest, r.yaml
              FROM apps a JOIN revisions r ON r.app = a.name AND r.number = a.current_revision
             WHERE a.name = ?""")
        .param(app)
        .query(
            (rs, n) ->
                new Revision(
                    rs.getInt("number"),
                    StateJson.readSpec(rs.getString("spec")),
                    rs.getString("digest"),
                    rs.getString("yaml")))
        .optional();
  }

  /** The revision most of the app's containers are named after (a scale keeps their names). */
  public int instanceRevision(String app) {
    return jdbc.sql(
            """
            SELECT coalesce((SELECT revision FROM instances WHERE app = ?
                              GROUP BY revision ORDER BY count(*) DESC, revision DESC LIMIT 1), 0)""")
        .param(app)
        .query(Integer.class)
        .single();
  }

  public int lastAppEventSeq(String app) {
    return jdbc.sql(
            "SELECT coalesce(max(seq), 0) FROM events WHERE app = ? AND operation_id IS NULL")
        .param(app)
        .query(Integer.class)
        .single();
  }

  public List<Map<String, Object>> hosts() {
    Map<String, HostUsage> usage = state.hostUsage("");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : hostRows(null)) {
      out.add(withUsage(row, usage));
    }
    return out;
  }

  public Optional<Map<String, Object>> host(String name) {
    List<Map<String, Object>> rows = hostRows(name);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> host = withUsage(rows.get(0), state.hostUsage(""));
    host.put("instances", instancesOn(name));
    return Optional.of(host);
  }

  public List<Map<String, Object>> instancesOn(String host) {
    return jdbc.sql(
            """
            SELECT app, service, revision, slot, container_name AS "containerName",
                   container_id AS "containerId", state, health, address
              FROM instances WHERE host = ? ORDER BY app, service, slot""")
        .param(host)
        .query()
        .listOfRows();
  }

  private List<Map<String, Object>> hostRows(String name) {
    return jdbc.sql(
            """
            SELECT name, endpoint, labels::text AS labels, cpus, memory_bytes, status, api_version,
                   status_message
              FROM hosts WHERE (?::text IS NULL OR name = ?) ORDER BY name""")
        .params(name, name)
        .query(
            (rs, n) -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("name", rs.getString("name"));
              row.put("endpoint", rs.getString("endpoint"));
              row.put("labels", StateJson.readLabels(rs.getString("labels")));
              row.put("status", rs.getString("status"));
              row.put("apiVersion", rs.getString("api_version"));
              row.put("message", rs.getString("status_message"));
              row.put(
                  "capacity",
                  Map.of("cpus", rs.getInt("cpus"), "memoryBytes", rs.getLong("memory_bytes")));
              return row;
            })
        .list();
  }

  private static Map<String, Object> withUsage(
      Map<String, Object> row, Map<String, HostUsage> usage) {
    HostUsage u = usage.getOrDefault((String) row.get("name"), HostUsage.none());
    row.put(
        "usage",
        Map.of(
            "instances", u.instances(),
            "reservedCpus", u.cpus(),
            "reservedMemoryBytes", u.memoryBytes()));
    return row;
  }
}

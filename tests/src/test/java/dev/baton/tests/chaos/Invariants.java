package dev.baton.tests.chaos;

import dev.baton.tests.BatonApi;
import dev.baton.tests.Engines;
import dev.baton.tests.Stack;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must hold for an app after any fault, once it has recovered. Each check returns the
 * violations it found (empty = holds), so a trial can report all of them at once.
 */
final class Invariants {
  private final Stack stack;
  private final BatonApi api;
  private final Engines engines;

  Invariants(Stack stack, BatonApi api, Engines engines) {
    this.stack = stack;
    this.api = api;
    this.engines = engines;
  }

  /** All the invariants; {@code replicas} is the desired count of the app's single service. */
  List<String> check(String app, int replicas) throws Exception {
    List<String> violations = new ArrayList<>();
    violations.addAll(operationsEnded(app));
    violations.addAll(containersMatchCurrentRevision(app, replicas));
    violations.addAll(instanceRowsMatchContainers(app));
    violations.addAll(eventsHaveNoGaps(app));
    violations.addAll(operationsNeverOverlapped(app));
    return violations;
  }

  List<String> operationsEnded(String app) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection db = connect();
        var st =
            db.prepareStatement(
                "SELECT id, status FROM operations WHERE app = ? AND finished_at IS NULL")) {
      st.setString(1, app);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add("operation " + rs.getString(1) + " still " + rs.getString(2));
        }
      }
    }
    return out;
  }

  /** Exactly one running container per slot 1..N, all of the app's current revision. */
  List<String> containersMatchCurrentRevision(String app, int replicas) {
    List<String> out = new ArrayList<>();
    int current = api.get("/api/v1/apps/" + app).body().path("currentRevision").asInt();
    Set<Integer> slots = new TreeSet<>();
    for (Engines.Placed p : engines.containers(app)) {
      String name = p.container().getNames()[0];
      if (!p.running()) {
        out.add(name + " is " + p.container().getState() + " (left behind)");
      }
      if (Integer.parseInt(p.label("baton.revision")) != current) {
        out.add(name + " is of revision " + p.label("baton.revision") + ", app is on r" + current);
      }
      if (!slots.add(Integer.parseInt(p.label("baton.slot")))) {
        out.add("slot " + p.label("baton.slot") + " has two containers");
      }
    }
    Set<Integer> expected = new TreeSet<>();
    for (int i = 1; i <= replicas; i++) {
      expected.add(i);
    }
    if (!slots.equals(expected)) {
      out.add("slots " + slots + ", expected " + expected);
    }
    return out;
  }

  /** The instances table says exactly what the engines say: no orphan, no ghost row. */
  List<String> instanceRowsMatchContainers(String app) throws Exception {
    Set<String> containers = new HashSet<>();
    for (Engines.Placed p : engines.containers(app)) {
      containers.add(p.container().getNames()[0].substring(1));
    }
    Set<String> rows = new HashSet<>();
    try (Connection db = connect();
        var st = db.prepareStatement("SELECT container_name FROM instances WHERE app = ?")) {
      st.setString(1, app);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String c : containers) {
      if (!rows.contains(c)) {
        out.add("orphan container " + c + " (no instance row)");
      }
    }
    for (String r : rows) {
      if (!containers.contains(r)) {
        out.add("instance row " + r + " has no container");
      }
    }
    return out;
  }

  List<String> eventsHaveNoGaps(String app) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection db = connect();
        var st =
            db.prepareStatement(
                "SELECT operation_id, count(*), min(seq), max(seq) FROM events"
                    + " WHERE app = ? AND operation_id IS NOT NULL GROUP BY operation_id")) {
      st.setString(1, app);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long count = rs.getLong(2);
          if (rs.getInt(3) != 1 || rs.getInt(4) != count) {
            out.add(
                "events of "
                    + rs.getString(1)
                    + ": "
                    + count
                    + " rows, seq "
                    + rs.getInt(3)
                    + ".."
                    + rs.getInt(4));
          }
        }
      }
    }
    return out;
  }

  /** No two operations of the app were ever running at the same time. */
  List<String> operationsNeverOverlapped(String app) throws Exception {
    List<String> out = new ArrayList<>();
    List<Timestamp[]> spans = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (Connection db = connect();
        var st =
            db.prepareStatement(
                "SELECT id, started_at, finished_at FROM operations"
                    + " WHERE app = ? AND started_at IS NOT NULL ORDER BY started_at")) {
      st.setString(1, app);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
          spans.add(new Timestamp[] {rs.getTimestamp(2), rs.getTimestamp(3)});
        }
      }
    }
    for (int i = 1; i < spans.size(); i++) {
      Timestamp previousEnd = spans.get(i - 1)[1];
      if (previousEnd == null || spans.get(i)[0].before(previousEnd)) {
        out.add("operation " + ids.get(i) + " started before " + ids.get(i - 1) + " ended");
      }
    }
    return out;
  }

  private Connection connect() throws Exception {
    URI uri = URI.create(stack.get("DATABASE_URL"));
    String[] user = uri.getUserInfo().split(":", 2);
    return DriverManager.getConnection(
        "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(),
        user[0],
        user[1]);
  }
}

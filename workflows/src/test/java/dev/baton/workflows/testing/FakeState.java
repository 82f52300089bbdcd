package dev.baton.workflows.testing;

import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.HostUsage;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.ports.EventRecord;
import dev.baton.workflows.ports.OperationRecord;
import dev.baton.workflows.ports.StateActivities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * In-memory runtime state with the real store's upsert semantics: revisions, every saved version of
 * each operation (its status history), events keyed by operation and seq, instances, the current
 * revision, and a configurable list of ready hosts.
 */
public final class FakeState implements StateActivities {

  private final List<Host> readyHosts = new ArrayList<>();
  private final Map<String, Map<String, String>> volumes = new HashMap<>();
  private final Map<String, Map<Integer, Revision>> revisions = new HashMap<>();
  private final List<OperationRecord> operationSaves = new ArrayList<>();
  private final Map<String, TreeMap<Integer, EventRecord>> events = new LinkedHashMap<>();
  private final Map<String, Instance> instances = new TreeMap<>();
  private final Map<String, Integer> currentRevision = new HashMap<>();
  private final Map<String, String> outcomes = new HashMap<>();
  private final Map<String, HostUsage> usage = new HashMap<>();

  public FakeState(List<Host> hosts) {
    readyHosts.addAll(hosts);
  }

  public synchronized void setReadyHosts(List<Host> hosts) {
    readyHosts.clear();
    readyHosts.addAll(hosts);
  }

  @Override
  public synchronized void saveRevision(
      String app, Revision revision, String createdBy, String reason) {
    revisions.computeIfAbsent(app, a -> new TreeMap<>()).put(revision.number(), revision);
  }

  @Override
  public synchronized void saveOperation(OperationRecord operation) {
    operationSaves.add(operation);
  }

  @Override
  public synchronized void appendEvent(EventRecord event) {
    events.computeIfAbsent(event.operationId(), o -> new TreeMap<>()).put(event.seq(), event);
  }

  @Override
  public synchronized void saveInstance(Instance instance, String operationId) {
    instances.put(key(instance), instance);
  }

  @Override
  public synchronized void syncInstances(String app, List<Instance> seen) {
    instances.values().removeIf(i -> i.app().equals(app));
    seen.forEach(i -> instances.put(key(i), i));
  }

  @Override
  public synchronized void forgetInstance(Instance instance) {
    instances.remove(key(instance));
  }

  @Override
  public synchronized void setCurrentRevision(String app, int revision) {
    currentRevision.put(app, revision);
  }

  @Override
  public synchronized List<Host> readyHosts() {
    return List.copyOf(readyHosts);
  }

  @Override
  public synchronized Map<String, HostUsage> hostUsage(String app) {
    return Map.copyOf(usage);
  }

  @Override
  public synchronized Revision rollbackSource(String app, int requested, int before) {
    Map<Integer, Revision> all = revisions.getOrDefault(app, Map.of());
    if (requested > 0) {
      return all.get(requested);
    }
    return all.values().stream()
        .filter(
            r -> r.number() < before && "SUCCEEDED".equals(outcomes.get(app + "/" + r.number())))
        .reduce((a, b) -> b)
        .orElse(null);
  }

  @Override
  public synchronized void setRevisionOutcome(String app, int revision, String outcome) {
    outcomes.put(app + "/" + revision, outcome);
  }

  @Override
  public synchronized void clearCurrentRevision(String app) {
    currentRevision.remove(app);
  }

  @Override
  public synchronized Map<String, String> volumeHosts(String app) {
    return new TreeMap<>(volumes.getOrDefault(app, Map.of()));
  }

  @Override
  public synchronized Map<String, String> pinVolumes(
      String app, String host, Map<String, String> names) {
    Map<String, String> pins = volumes.computeIfAbsent(app, a -> new TreeMap<>());
    names.keySet().forEach(v -> pins.putIfAbsent(v, host));
    Map<String, String> where = new TreeMap<>(pins);
    where.keySet().retainAll(names.keySet());
    return where;
  }

  @Override
  public synchronized void forgetVolumes(String app) {
    volumes.remove(app);
  }

  @Override
  public synchronized boolean movePin(String app, String volume, String from, String to) {
    Map<String, String> pins = volumes.computeIfAbsent(app, a -> new TreeMap<>());
    pins.replace(volume, from, to);
    return to.equals(pins.get(volume));
  }

  /** What other apps reserve, as {@link #hostUsage} reports it. */
  public synchronized void setUsage(Map<String, HostUsage> others) {
    usage.clear();
    usage.putAll(others);
  }

  public synchronized String outcome(String app, int revision) {
    return outcomes.get(app + "/" + revision);
  }

  /** App-level events (no operation), in seq order. */
  public synchronized List<EventRecord> appEvents() {
    return events(null);
  }

  // ---- seen by tests ----------------------------------------------------------------------

  public synchronized Map<Integer, Revision> revisions(String app) {
    return Map.copyOf(revisions.getOrDefault(app, Map.of()));
  }

  public synchronized List<OperationRecord> operationSaves() {
    return List.copyOf(operationSaves);
  }

  /** The statuses an operation was saved with, in order, without immediate repeats. */
  public synchronized List<OperationStatus> statusHistory(String operationId) {
    List<OperationStatus> out = new ArrayList<>();
    for (OperationRecord r : operationSaves) {
      if (r.id().equals(operationId) && (out.isEmpty() || out.get(out.size() - 1) != r.status())) {
        out.add(r.status());
      }
    }
    return out;
  }

  /** The latest saved version of an operation, or null. */
  public synchronized OperationRecord operation(String operationId) {
    OperationRecord last = null;
    for (OperationRecord r : operationSaves) {
      if (r.id().equals(operationId)) {
        last = r;
      }
    }
    return last;
  }

  public synchronized List<EventRecord> events(String operationId) {
    return List.copyOf(events.getOrDefault(operationId, new TreeMap<>()).values());
  }

  public synchronized List<Integer> eventSeqs(String operationId) {
    return List.copyOf(events.getOrDefault(operationId, new TreeMap<>()).keySet());
  }

  public synchronized List<Instance> instances() {
    return List.copyOf(instances.values());
  }

  public synchronized Integer currentRevision(String app) {
    return currentRevision.get(app);
  }

  private static String key(Instance i) {
    return i.app() + "/" + i.service() + "/" + i.revision() + "/" + i.slot();
  }
}

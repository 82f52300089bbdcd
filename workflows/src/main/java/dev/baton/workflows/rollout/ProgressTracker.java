package dev.baton.workflows.rollout;

import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.rollout.RolloutProgress.ServiceProgress;
import dev.baton.workflows.rollout.RolloutProgress.SlotProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Mutable progress of one rollout, answered as an immutable snapshot by the query. */
final class ProgressTracker {
  private final String operationId;
  private final int revision;
  private OperationStatus status = OperationStatus.RUNNING;
  private String phase = "starting";
  private String error;
  private final Map<String, Service> services = new LinkedHashMap<>();

  ProgressTracker(String operationId, int revision) {
    this.operationId = operationId;
    this.revision = revision;
  }

  void status(OperationStatus status) {
    this.status = status;
  }

  OperationStatus status() {
    return status;
  }

  void phase(String phase) {
    this.phase = phase;
  }

  void error(String error) {
    this.error = error;
  }

  String error() {
    return error;
  }

  void service(String name, int revision, int batches, int replicas) {
    services.put(name, new Service(revision, batches, replicas));
  }

  void batch(String service, int batch) {
    services.get(service).batch = batch;
  }

  void failure(String service) {
    services.get(service).failures++;
  }

  void slot(String service, int slot, int revision, String host, String state, String detail) {
    services.get(service).slots.put(slot, new SlotProgress(slot, revision, host, state, detail));
  }

  RolloutProgress snapshot() {
    List<ServiceProgress> list = new ArrayList<>();
    services.forEach(
        (name, s) ->
            list.add(
                new ServiceProgress(
                    name,
                    s.revision,
                    s.batch,
                    s.batches,
                    s.replicas,
                    s.failures,
                    List.copyOf(s.slots.values()))));
    return new RolloutProgress(operationId, revision, status, phase, error, list);
  }

  private static final class Service {
    final int revision;
    final int batches;
    final int replicas;
    int batch;
    int failures;
    final Map<Integer, SlotProgress> slots = new TreeMap<>();

    Service(int revision, int batches, int replicas) {
      this.revision = revision;
      this.batches = batches;
      this.replicas = replicas;
    }
  }
}

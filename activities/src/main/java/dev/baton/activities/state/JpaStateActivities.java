package dev.baton.activities.state;

import dev.baton.activities.Sha256;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.HostUsage;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.ports.EventRecord;
import dev.baton.workflows.ports.OperationRecord;
import dev.baton.workflows.ports.StateActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link StateActivities} on PostgreSQL. Every write is one idempotent SQL upsert keyed by the
 * row's natural key (the native queries of the repositories), so a retried activity (or a replayed
 * workflow calling it again) leaves exactly the rows a single call would have; a repeated call with
 * the same values does not even touch {@code updated_at}.
 *
 * <p>Each method is its own transaction. Rows an upsert depends on are made on the way: the app row
 * by any write that names an app. Hosts are not: an instance on an unknown host is an error.
 */
@Component
@Transactional
public class JpaStateActivities implements StateActivities {

  /** Error type of the non-retryable failure when a revision number is reused for another spec. */
  public static final String REVISION_CONFLICT = "RevisionConflict";

  private final AppRepository apps;
  private final RevisionRepository revisions;
  private final OperationRepository operations;
  private final EventRepository events;
  private final InstanceRepository instances;
  private final HostRepository hosts;
  private final VolumeRepository volumes;

  /** How many revisions each app keeps ({@code baton.revision-history}); the current one stays. */
  private int revisionHistory = 10;

  public JpaStateActivities(
      AppRepository apps,
      RevisionRepository revisions,
      OperationRepository operations,
      EventRepository events,
      InstanceRepository instances,
      HostRepository hosts,
      VolumeRepository volumes) {
    this.apps = apps;
    this.revisions = revisions;
    this.operations = operations;
    this.events = events;
    this.instances = instances;
    this.hosts = hosts;
    this.volumes = volumes;
  }

  @Value("${baton.revision-history:10}")
  public void setRevisionHistory(int revisionHistory) {
    this.revisionHistory = Math.max(1, revisionHistory);
  }

  @Override
  public void saveRevision(String app, Revision revision, String createdBy, String reason) {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(revision.spec(), "revision.spec");
    ensureApp(app);
    apps.revive(app);
    String spec = StateJson.write(revision.spec());
    String digest = revision.digest() != null ? revision.digest() : "sha256:" + Sha256.hex(spec);
    int rows =
        revisions.insert(app, revision.number(), spec, revision.yaml(), digest, createdBy, reason);
    // No row: another spec is stored under this number. That is an error, not a retry.
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
    // An operation aborted while queued never started.
    boolean started = status != OperationStatus.QUEUED && status != OperationStatus.ABORTED;
    operations.upsert(
        op.id(),
        op.app(),
        op.kind() == null ? null : op.kind().name(),
        op.revision(),
        status.name(),
        op.workflowId(),
        op.runId(),
        op.requestedBy(),
        op.reason(),
        op.error(),
        started,
        status.terminal());
  }

  @Override
  public void appendEvent(EventRecord event) {
    Objects.requireNonNull(event.app(), "event.app");
    Objects.requireNonNull(event.type(), "event.type");
    ensureApp(event.app());
    events.append(
        event.app(),
        event.operationId(),
        event.seq(),
        event.type(),
        event.service(),
        event.message());
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
    instances.upsert(
        instance.app(),
        instance.service(),
        instance.revision(),
        instance.slot(),
        instance.host(),
        instance.containerId(),
        name,
        instance.state(),
        instance.health(),
        instance.address(),
        operationId);
  }

  @Override
  public void forgetInstance(Instance instance) {
    instances.forget(instance.app(), instance.service(), instance.revision(), instance.slot());
  }

  @Override
  public void syncInstances(String app, List<Instance> seen) {
    ensureApp(app);
    List<String> names = seen.stream().map(Instance::containerName).toList();
    if (names.isEmpty()) {
      instances.forgetAll(app);
    } else {
      instances.forgetAllBut(app, names);
    }
    seen.forEach(instance -> saveInstance(instance, null));
  }

  @Override
  public void setCurrentRevision(String app, int revision) {
    apps.setCurrentRevision(app, revision);
  }

  @Override
  @Transactional(readOnly = true)
  public List<Host> readyHosts() {
    return hosts.findByStatusOrderByName(HostStatus.READY).stream()
        .map(HostEntity::toHost)
        .toList();
  }

  @Override
  @Transactional(readOnly = true)
  public Map<String, HostUsage> hostUsage(String app) {
    Map<String, HostUsage> out = new TreeMap<>();
    for (InstanceRepository.HostUsageRow row :
        instances.usageByHostWithout(app == null ? "" : app)) {
      out.put(
          row.getHost(),
          new HostUsage(
              row.getN().intValue(), row.getCpus().doubleValue(), row.getMemory().longValue()));
    }
    return out;
  }

  @Override
  @Transactional(readOnly = true)
  public Revision rollbackSource(String app, int requested, int before) {
    return (requested > 0
            ? revisions.findByAppAndNumber(app, requested)
            : revisions.findFirstByAppAndNumberLessThanAndOutcomeOrderByNumberDesc(
                app, before, "SUCCEEDED"))
        .map(RevisionEntity::toRevision)
        .orElse(null);
  }

  @Override
  public void setRevisionOutcome(String app, int revision, String outcome) {
    revisions.setOutcome(app, revision, outcome);
    revisions.prune(app, revisionHistory);
  }

  @Override
  public void clearCurrentRevision(String app) {
    apps.clearCurrentRevision(app);
  }

  @Override
  public Map<String, String> volumeHosts(String app) {
    Map<String, String> out = new TreeMap<>();
    volumes.findByApp(app).forEach(v -> out.put(v.getVolume(), v.getHost()));
    return out;
  }

  @Override
  public Map<String, String> pinVolumes(String app, String host, Map<String, String> names) {
    names.forEach((volume, name) -> volumes.pin(app, volume, host, name));
    Map<String, String> where = volumeHosts(app);
    where.keySet().retainAll(names.keySet());
    return where;
  }

  @Override
  public void forgetVolumes(String app) {
    volumes.deleteByApp(app);
  }

  @Override
  public boolean movePin(String app, String volume, String from, String to) {
    volumes.movePin(app, volume, from, to);
    return to.equals(volumeHosts(app).get(volume));
  }

  private void ensureApp(String app) {
    Objects.requireNonNull(app, "app");
    apps.ensure(app);
  }
}

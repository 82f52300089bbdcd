package dev.baton.workflows.ports;

import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.HostUsage;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.Revision;
import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Map;

/**
 * Runtime state in PostgreSQL. Workflows never write it themselves: they call these (as local
 * activities), and every write is an idempotent upsert.
 */
@ActivityInterface
public interface StateActivities {

  /** Stores a revision of an app (creating the app row on its first revision). */
  void saveRevision(String app, Revision revision, String createdBy, String reason);

  void saveOperation(OperationRecord operation);

  void appendEvent(EventRecord event);

  /** Upserts the row of one instance, keyed by app, service, revision and slot. */
  void saveInstance(Instance instance, String operationId);

  /**
   * Makes the app's instance rows equal to what the hosts report: rows of containers that are gone
   * are deleted, the others upserted. A rollout starts from the truth, not from old rows.
   */
  void syncInstances(String app, List<Instance> seen);

  /** Deletes the row of an instance that no longer exists. */
  void forgetInstance(Instance instance);

  /** Marks which revision the app now runs. */
  void setCurrentRevision(String app, int revision);

  /** Hosts that may take new instances. */
  List<Host> readyHosts();

  // ---- fleet: scale, rollback, self-healing, hosts ----

  /** What the instances of every app but {@code app} reserve, per host name. */
  Map<String, HostUsage> hostUsage(String app);

  /**
   * The revision a rollback returns to: {@code requested} if it is still retained, else (when 0)
   * the latest revision before {@code before} whose rollout succeeded; null when there is none.
   */
  Revision rollbackSource(String app, int requested, int before);

  /** Records how the operation that made the revision ended, and prunes old revisions. */
  void setRevisionOutcome(String app, int revision, String outcome);

  // ---- volumes: a named volume lives on one host ----

  /** The host of each of the app's named volumes, by {@code Mount.key}. */
  Map<String, String> volumeHosts(String app);

  /**
   * Records that the volumes ({@code Mount.key} to engine name) live on {@code host}, unless one is
   * already recorded elsewhere; answers where each of them lives now.
   */
  Map<String, String> pinVolumes(String app, String host, Map<String, String> volumes);

  /** The app's volumes are deleted: forget where they were. */
  void forgetVolumes(String app);

  /**
   * Re-pins the volume from {@code from} to {@code to} (its contents were copied there): only when
   * it is pinned to {@code from}, so a retry or a second mover changes nothing. True when the
   * volume is pinned to {@code to} afterwards.
   */
  boolean movePin(String app, String volume, String from, String to);

  /**
   * The app runs nothing any more: it was deleted, and leaves the API's lists until a deploy of its
   * name.
   */
  void clearCurrentRevision(String app);
}

package dev.baton.workflows.ports;

import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.Revision;
import io.temporal.activity.ActivityInterface;
import java.util.List;

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
}

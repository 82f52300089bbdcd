package dev.baton.activities.state;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/** {@code instances}: the idempotent writes of {@link JpaStateActivities}. */
@Transactional // the @Modifying queries need one; a caller\'s transaction is joined
public interface InstanceRepository extends JpaRepository<InstanceEntity, InstanceId> {

  /** What the instances on one host reserve: a row of {@link #usageByHostWithout}. */
  interface HostUsageRow {
    String getHost();

    Number getN();

    Number getCpus();

    Number getMemory();
  }

  /**
   * Per host, the instances of all apps but {@code app} and what they reserve: each instance what
   * its revision's spec says for its service.
   */
  @NativeQuery(
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
      """)
  List<HostUsageRow> usageByHostWithout(String app);

  /**
   * Writes what was observed of an instance. The latest observation wins, except that an unknown
   * container id or operation does not erase a known one; a repeated write touches nothing.
   */
  @Modifying
  @NativeQuery(
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
      """)
  int upsert(
      String app,
      String service,
      int revision,
      int slot,
      String host,
      String containerId,
      String containerName,
      String state,
      String health,
      String address,
      String operationId);

  @Modifying
  @NativeQuery(
      """
      DELETE FROM instances
       WHERE app = :app AND service = :service AND revision = :revision AND slot = :slot
      """)
  int forget(String app, String service, int revision, int slot);

  @Modifying
  @NativeQuery("DELETE FROM instances WHERE app = :app")
  int forgetAll(String app);

  /** Deletes the app's instances but those named; {@code names} must not be empty. */
  @Modifying
  @NativeQuery("DELETE FROM instances WHERE app = :app AND container_name NOT IN (:names)")
  int forgetAllBut(String app, Collection<String> names);

  /** The apps with an instance on {@code host}. */
  @Query("select distinct i.app from InstanceEntity i where i.host = :host order by i.app")
  List<String> appsOn(String host);

  /** Sets what the instance serves ({@code endpoints} JSON, or null for out of service). */
  @Modifying
  @NativeQuery(
      """
      UPDATE instances SET serving = CAST(:endpoints AS jsonb)
       WHERE app = :app AND service = :service AND revision = :revision AND slot = :slot
         AND serving IS DISTINCT FROM CAST(:endpoints AS jsonb)
      """)
  int serve(String app, String service, int revision, int slot, String endpoints);

  /** An app's service: a row of {@link #servingServiceOf}. */
  interface ServiceRow {
    String getApp();

    String getService();
  }

  /** The app and service of the container's instance, when it is in service. */
  @NativeQuery(
      "SELECT app, service FROM instances WHERE container_id = :containerId"
          + " AND serving IS NOT NULL")
  List<ServiceRow> servingServiceOf(String containerId);

  /** Every service with an instance in service. */
  @NativeQuery("SELECT DISTINCT app, service FROM instances WHERE serving IS NOT NULL")
  List<ServiceRow> servedServices();

  /** Takes the container's instance out of service. */
  @Modifying
  @NativeQuery("UPDATE instances SET serving = NULL WHERE container_id = :containerId")
  int withdraw(String containerId);

  /** The endpoints (a JSON list per instance) of the service's instances in service. */
  @NativeQuery(
      "SELECT CAST(serving AS text) FROM instances WHERE app = :app AND service = :service"
          + " AND serving IS NOT NULL ORDER BY revision, slot")
  List<String> servingOf(String app, String service);
}

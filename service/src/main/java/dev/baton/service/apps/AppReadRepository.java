package dev.baton.service.apps;

import dev.baton.activities.state.AppEntity;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The API's reads of apps, their instances and revisions, as projections. */
public interface AppReadRepository extends Repository<AppEntity, String> {

  boolean existsByName(String name);

  /** Whether the app exists and is not deleted (its row stays after a delete). */
  boolean existsByNameAndDeletedAtIsNull(String name);

  @Query(
      """
      select new dev.baton.service.apps.AppSummary(a.name, a.currentRevision, a.createdAt,
                                                    a.updatedAt)
        from AppEntity a where a.deletedAt is null order by a.name""")
  List<AppSummary> summaries();

  @Query(
      """
      select new dev.baton.service.apps.AppHeader(a.name, a.currentRevision,
               (select max(r.number) from RevisionEntity r where r.app = a.name),
               a.createdAt, a.updatedAt)
        from AppEntity a where a.name = :name""")
  Optional<AppHeader> header(String name);

  @Query(
      """
      select new dev.baton.service.apps.InstanceView(i.service, i.revision, i.slot, i.host,
               i.containerId, i.containerName, i.state, i.health, i.address, i.operationId,
               (case when i.serving is not null then true else false end), i.updatedAt)
        from InstanceEntity i where i.app = :app order by i.service, i.slot, i.revision""")
  List<InstanceView> instances(String app);

  /** The Compose file of the app's newest revision that has one. */
  @Query(
      """
      select r.yaml from RevisionEntity r where r.app = :app and r.yaml is not null
       order by r.number desc limit 1""")
  Optional<String> latestYaml(String app);

  @Query(
      """
      select new dev.baton.service.apps.RevisionRow(r.number, a.currentRevision, r.digest,
               r.createdBy, r.reason, r.outcome, r.createdAt, r.spec, r.warnings)
        from RevisionEntity r join AppEntity a on a.name = r.app
       where r.app = :app order by r.number desc""")
  List<RevisionRow> revisions(String app);

  /** A fixed TCP host port an app publishes: a row of {@link #publishedTcpPortsOfOtherApps}. */
  interface PublishedPort {
    String getApp();

    String getService();

    int getPublished();

    /** Empty for the host's address. */
    String getHostIp();
  }

  /** The fixed TCP host ports the current revisions of the other apps publish. */
  @NativeQuery(
      """
      SELECT a.name AS app, s->>'name' AS service, (p->>'published')::int AS published,
             coalesce(p->>'hostIp', '') AS "hostIp"
        FROM apps a
        JOIN revisions r ON r.app = a.name AND r.number = a.current_revision
        CROSS JOIN LATERAL jsonb_array_elements(r.spec->'services') s
        CROSS JOIN LATERAL jsonb_array_elements(coalesce(s->'ports', '[]'::jsonb)) p
       WHERE a.name <> :app AND (p->>'published')::int > 0
         AND coalesce(p->>'protocol', 'tcp') = 'tcp'
      """)
  List<PublishedPort> publishedTcpPortsOfOtherApps(String app);
}

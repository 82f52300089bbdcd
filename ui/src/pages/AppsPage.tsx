import { api } from '../lib/api';
import { ago } from '../lib/format';
import { useLoad, useMe } from '../lib/hooks';
import { can } from '../lib/session';
import { revisionList, summarizeApp, type AppRow } from '../lib/summary';
import type { AppDetail, AppSummary } from '../lib/types';
import { Empty, ErrorBox, Replicas, Skeleton, StatusBadge } from '../components/ui';

export async function loadAppRows(signal: AbortSignal): Promise<AppRow[]> {
  const apps = await api<AppSummary[]>('/api/v1/apps', { signal });
  return Promise.all(
    apps.map(async (a) => {
      const name = encodeURIComponent(a.name);
      const [detail, revisions] = await Promise.all([
        api<AppDetail>(`/api/v1/apps/${name}`, { signal }),
        api<unknown>(`/api/v1/apps/${name}/revisions`, { signal }),
      ]);
      return summarizeApp(detail, revisionList(revisions));
    }),
  );
}

export function AppsPage() {
  const me = useMe();
  const apps = useLoad('apps', loadAppRows, 4000);
  return (
    <div class="page">
      <div class="page-head">
        <div>
          <h1>Apps</h1>
          <p class="muted">Every app Baton runs, its revision, its health and its latest operation.</p>
        </div>
        {can(me, 'deploy') && (
          <a class="btn btn-primary" href="/deploy" data-testid="new-app">
            Deploy a new app
          </a>
        )}
      </div>
      {apps.error && <ErrorBox error={apps.error} title="Could not load the apps" />}
      {!apps.data && apps.loading && <Skeleton rows={4} />}
      {apps.data && apps.data.length === 0 && (
        <Empty title="No apps yet">
          {can(me, 'deploy') ? (
            <>
              Deploy a Compose file to start: <a href="/deploy">deploy a new app</a>.
            </>
          ) : (
            'Nothing has been deployed yet. Someone with the deployer role can deploy the first app.'
          )}
        </Empty>
      )}
      {apps.data && apps.data.length > 0 && (
        <div class="table-wrap">
          <table class="table apps-table" data-testid="apps-table">
            <thead>
              <tr>
                <th>App</th>
                <th>Revision</th>
                <th>Services (healthy / desired)</th>
                <th>Last operation</th>
              </tr>
            </thead>
            <tbody>
              {apps.data.map((a) => (
                <tr key={a.name} data-app={a.name}>
                  <td data-label="App">
                    <a class="strong" href={`/apps/${encodeURIComponent(a.name)}`}>
                      {a.name}
                    </a>
                  </td>
                  <td data-label="Revision">{a.currentRevision != null ? `r${a.currentRevision}` : '—'}</td>
                  <td data-label="Services">
                    {a.services.length === 0 && <span class="muted">no instances</span>}
                    <ul class="svc-list">
                      {a.services.map((s) => (
                        <li key={s.name}>
                          <span class="svc-name">{s.name}</span>
                          <Replicas healthy={s.healthy} desired={s.desired} running={s.running} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="Last operation">
                    {a.lastOperation ? (
                      <a class="op-cell" href={`/operations/${a.lastOperation.id}`}>
                        <StatusBadge status={a.lastOperation.status} />
                        <span class="muted">
                          {a.lastOperation.kind?.toLowerCase()} r{a.lastOperation.revision} · {ago(a.lastOperation.createdAt)}
                        </span>
                      </a>
                    ) : (
                      <span class="muted">none</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

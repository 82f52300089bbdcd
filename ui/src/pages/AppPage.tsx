import { useState } from 'preact/hooks';
import { ApiError, api } from '../lib/api';
import { ago, dateTime, duration, shortId } from '../lib/format';
import { useLoad, useMe } from '../lib/hooks';
import { navigate } from '../lib/router';
import { can } from '../lib/session';
import { diffSpecs, imagesOf, imageTag } from '../lib/specDiff';
import { instanceHealth, statusTone } from '../lib/status';
import { byHost, currentSpec, revisionList, summarizeServices } from '../lib/summary';
import type { AppDetail, AppSpec, Operation, Revision } from '../lib/types';
import { BalancerTable } from '../components/Balancers';
import { Card, Empty, ErrorBox, Replicas, Skeleton, StatusBadge } from '../components/ui';
import { DeployForm } from './DeployForm';

type Tab = 'overview' | 'revisions' | 'operations' | 'deploy';

interface AppData {
  detail: AppDetail & { spec?: AppSpec };
  revisions: Revision[];
}

async function loadApp(app: string, signal: AbortSignal): Promise<AppData | null> {
  const name = encodeURIComponent(app);
  try {
    const [detail, revisions] = await Promise.all([
      api<AppDetail>(`/api/v1/apps/${name}`, { signal }),
      api<unknown>(`/api/v1/apps/${name}/revisions`, { signal }),
    ]);
    return { detail, revisions: revisionList(revisions) };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export function AppPage({ app, tab }: { app: string; tab: Tab }) {
  const me = useMe();
  const data = useLoad(`app:${app}`, (signal) => loadApp(app, signal), 3000);
  const base = `/apps/${encodeURIComponent(app)}`;
  const tabs: Array<[Tab, string]> = [
    ['overview', 'Overview'],
    ['revisions', 'Revisions'],
    ['operations', 'Operations'],
  ];
  if (can(me, 'deploy')) tabs.push(['deploy', 'Deploy']);

  if (data.data === null) {
    return (
      <div class="page">
        <div class="page-head">
          <h1>{app}</h1>
        </div>
        {can(me, 'deploy') ? (
          <>
            <Empty title={`No app named ${app} yet`}>Deploy a Compose file to create it.</Empty>
            <DeployForm app={app} services={[]} />
          </>
        ) : (
          <Empty title={`No app named ${app}`}>
            <a href="/">Back to the apps</a>
          </Empty>
        )}
      </div>
    );
  }

  const d = data.data;
  const last = d?.detail.operations?.[0];
  const spec = d ? currentSpec(d.detail, d.revisions) : null;
  return (
    <div class="page">
      <div class="page-head">
        <div>
          <div class="crumbs">
            <a href="/">Apps</a> /
          </div>
          <h1 data-testid="app-name">{app}</h1>
          <p class="muted">
            {d ? (d.detail.currentRevision != null ? `Current revision r${d.detail.currentRevision}` : 'No healthy revision yet') : ' '}
            {last && (
              <>
                {' · last operation '}
                <a href={`/operations/${last.id}`}>
                  {last.kind?.toLowerCase()} r{last.revision}
                </a>{' '}
                <StatusBadge status={last.status} />
              </>
            )}
          </p>
        </div>
      </div>
      <nav class="tabs" aria-label="App sections">
        {tabs.map(([t, label]) => (
          <a key={t} href={t === 'overview' ? base : `${base}/${t}`} class={tab === t ? 'active' : ''} aria-current={tab === t ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {data.error && <ErrorBox error={data.error} title="Could not load the app" />}
      {!d && data.loading && <Skeleton rows={5} />}
      {d && tab === 'overview' && <Overview app={app} data={d} spec={spec} />}
      {d && tab === 'revisions' && <Revisions app={app} data={d} />}
      {d && tab === 'operations' && <Operations app={app} fallback={d.detail.operations ?? []} />}
      {d && tab === 'deploy' && (
        <DeployForm
          app={app}
          services={spec?.services?.map((s) => ({ name: s.name ?? '', image: s.image ?? null })) ??
            summarizeServices(null, d.detail.instances).map((s) => ({ name: s.name, image: null }))}
        />
      )}
    </div>
  );
}

function Overview({ app, data, spec }: { app: string; data: AppData; spec: AppSpec | null }) {
  const me = useMe();
  const services = summarizeServices(spec, data.detail.instances ?? []);
  const hosts = byHost(data.detail.instances ?? []);
  return (
    <div class="stack">
      <Card title="Services">
        {services.length === 0 ? (
          <Empty title="No services running">The first deploy has not placed any instance yet.</Empty>
        ) : (
          <div class="table-wrap">
            <table class="table" data-testid="services">
              <thead>
                <tr>
                  <th>Service</th>
                  <th>Image</th>
                  <th>Healthy / desired</th>
                </tr>
              </thead>
              <tbody>
                {services.map((s) => (
                  <tr key={s.name}>
                    <td data-label="Service" class="strong">
                      {s.name}
                    </td>
                    <td data-label="Image" class="mono wrap">
                      {s.image ?? <span class="muted">—</span>}
                    </td>
                    <td data-label="Healthy">
                      <Replicas healthy={s.healthy} desired={s.desired} running={s.running} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {(data.detail.balancers ?? []).length > 0 && (
        <Card title="Balancers">
          <BalancerTable balancers={data.detail.balancers} by="host" />
        </Card>
      )}
      {can(me, 'scale') && services.length > 0 && (
        <ScaleControl app={app} services={services} />
      )}
      <Card title="Instances by host">
        {hosts.length === 0 ? (
          <Empty title="No instances" />
        ) : (
          <div class="host-groups">
            {hosts.map(([host, list]) => (
              <div class="host-group" key={host} data-host={host}>
                <h3 class="host-group-title">
                  <a href={`/hosts/${encodeURIComponent(host)}`}>{host}</a>{' '}
                  <span class="muted">· {list.length} instance{list.length === 1 ? '' : 's'}</span>
                </h3>
                <ul class="instances">
                  {list.map((i) => {
                    const h = instanceHealth(i);
                    return (
                      <li key={`${i.service}-${i.revision}-${i.slot}`} class="instance">
                        <span class="instance-name">
                          {i.service} <span class="muted">r{i.revision} · slot {i.slot}</span>
                        </span>
                        <StatusBadge status={h} tone={statusTone(h)} />
                        {i.inService && (
                          <span class="chip" title="in its service's balancers">
                            in service
                          </span>
                        )}
                        <span class="mono muted small wrap">{i.address ?? i.containerName ?? ''}</span>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </div>
        )}
      </Card>
    </div>
  );
}

function ScaleControl({ app, services }: {
  app: string;
  services: Array<{ name: string; desired: number | null; running: number }>;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const replicas: Record<string, number> = {};
    for (const s of services) {
      const v = values[s.name];
      if (v !== undefined && v !== '' && Number(v) !== s.desired) replicas[s.name] = Number(v);
    }
    if (Object.keys(replicas).length === 0) {
      setError('Change at least one replica count.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const op = await api<Operation>(`/api/v1/apps/${encodeURIComponent(app)}/scale`, {
        body: { replicas, reason: reason || undefined },
      });
      navigate(`/operations/${op.id}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Scale">
    <form class="scale-form" onSubmit={submit} data-testid="scale-form">
        {services.map((s) => (
          <label class="field field-inline" key={s.name}>
            <span class="label">{s.name} replicas</span>
            <input
              type="number"
              min={0}
              max={100}
              name={`replicas.${s.name}`}
              value={values[s.name] ?? String(s.desired ?? s.running)}
              onInput={(e) => setValues({ ...values, [s.name]: (e.target as HTMLInputElement).value })}
            />
          </label>
        ))}
        <label class="field field-grow">
          <span class="label">Reason</span>
          <input name="reason" value={reason} placeholder="why (kept in the history)" onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
        <button class="btn btn-primary" type="submit" disabled={busy}>
          {busy ? 'Scaling…' : 'Scale'}
        </button>
        {error && (
          <div class="field-error" role="alert">
            {error}
          </div>
        )}
      </form>
    </Card>
  );
}

function Revisions({ app, data }: { app: string; data: AppData }) {
  const me = useMe();
  const [confirm, setConfirm] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const revs = data.revisions;
  if (revs.length === 0) return <Empty title="No revisions yet" />;

  const rollback = async (to: number) => {
    setBusy(true);
    setError(null);
    try {
      const op = await api<Operation>(`/api/v1/apps/${encodeURIComponent(app)}/rollback`, {
        body: { toRevision: to, reason: reason || undefined },
      });
      navigate(`/operations/${op.id}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stack" data-testid="revisions">
      {revs.map((r, idx) => {
        const prev = revs[idx + 1];
        const current = r.revision === data.detail.currentRevision;
        const diff = prev ? diffSpecs(prev.spec, r.spec) : [];
        const images = imagesOf(r.spec);
        return (
          <article class={`revision ${current ? 'is-current' : ''}`} key={r.revision} data-revision={r.revision}>
            <header class="revision-head">
              <h3>
                r{r.revision} {current && <span class="chip">current</span>}
              </h3>
              {r.outcome && <StatusBadge status={r.outcome} />}
              <span class="muted">
                by <strong>{r.createdBy ?? 'unknown'}</strong> · <time title={dateTime(r.createdAt)}>{ago(r.createdAt)}</time>
              </span>
              <div class="spacer" />
              {can(me, 'rollback') && !current && (
                <button class="btn btn-sm" onClick={() => setConfirm(confirm === r.revision ? null : r.revision)} data-testid={`rollback-r${r.revision}`}>
                  Roll back to r{r.revision}
                </button>
              )}
            </header>
            <p class="revision-reason">{r.reason ? `“${r.reason}”` : <span class="muted">no reason given</span>}</p>
            <div class="images">
              {Object.entries(images).map(([svc, img]) => (
                <span class="image-chip" key={svc} title={img}>
                  {svc}: <span class="mono">{imageTag(img)}</span>
                </span>
              ))}
            </div>
            {confirm === r.revision && (
              <form
                class="confirm"
                onSubmit={(e) => {
                  e.preventDefault();
                  rollback(r.revision);
                }}
              >
                <label class="field field-grow">
                  <span class="label">Reason for rolling back to r{r.revision}</span>
                  <input name="reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
                </label>
                <button class="btn btn-danger" type="submit" disabled={busy} data-testid="confirm-rollback">
                  {busy ? 'Starting…' : `Roll back to r${r.revision}`}
                </button>
                <button class="btn btn-ghost" type="button" onClick={() => setConfirm(null)}>
                  Cancel
                </button>
                {error && <div class="field-error">{error}</div>}
              </form>
            )}
            {prev && (
              <details class="diff" open={idx === 0}>
                <summary>
                  Changes from r{prev.revision} ({diff.length === 0 ? 'same spec' : `${diff.length} change${diff.length === 1 ? '' : 's'}`})
                </summary>
                <SpecDiffView before={prev.spec} after={r.spec} />
              </details>
            )}
          </article>
        );
      })}
    </div>
  );
}

export function SpecDiffView({ before, after }: { before?: AppSpec | null; after?: AppSpec | null }) {
  const lines = diffSpecs(before, after);
  if (lines.length === 0) return <p class="muted small">No differences in the spec.</p>;
  return (
    <ul class="diff-lines" data-testid="spec-diff">
      {lines.map((l) => (
        <li key={l.path} class={`diff-${l.kind}`}>
          <span class="diff-sign" aria-label={l.kind}>
            {l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : '~'}
          </span>
          <span class="mono diff-path">{l.path}</span>
          {l.kind === 'changed' && (
            <span class="mono">
              <del>{l.before}</del> → <ins>{l.after}</ins>
            </span>
          )}
          {l.kind === 'added' && <ins class="mono">{l.after}</ins>}
          {l.kind === 'removed' && <del class="mono">{l.before}</del>}
        </li>
      ))}
    </ul>
  );
}

function Operations({ app, fallback }: { app: string; fallback: Operation[] }) {
  const ops = useLoad(
    `ops:${app}`,
    async (signal) => {
      return api<Operation[]>(`/api/v1/operations?app=${encodeURIComponent(app)}`, { signal });
    },
    5000,
  );
  const list = ops.data ?? fallback;
  if (list.length === 0) return <Empty title="No operations yet" />;
  return <OperationTable ops={list} />;
}

export function OperationTable({ ops }: { ops: Operation[] }) {
  return (
    <div class="table-wrap">
      <table class="table" data-testid="operations">
        <thead>
          <tr>
            <th>Operation</th>
            <th>Status</th>
            <th>By</th>
            <th>Reason</th>
            <th>When</th>
          </tr>
        </thead>
        <tbody>
          {ops.map((o) => (
            <tr key={o.id}>
              <td data-label="Operation">
                <a href={`/operations/${o.id}`} class="strong">
                  {o.kind?.toLowerCase()} r{o.revision}
                </a>{' '}
                <span class="muted mono small">{shortId(o.id)}</span>
              </td>
              <td data-label="Status">
                <StatusBadge status={o.status} />
              </td>
              <td data-label="By">{o.requestedBy ?? '—'}</td>
              <td data-label="Reason" class="wrap">
                {o.reason ?? <span class="muted">—</span>}
              </td>
              <td data-label="When">
                <time title={dateTime(o.createdAt)}>{ago(o.createdAt)}</time>
                {o.startedAt && <span class="muted small"> · {duration(o.startedAt, o.finishedAt)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

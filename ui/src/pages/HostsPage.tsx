import { useState } from 'preact/hooks';
import { ApiError, api } from '../lib/api';
import { bytes } from '../lib/format';
import { useLoad, useMe } from '../lib/hooks';
import { can } from '../lib/session';
import { instanceHealth, statusTone } from '../lib/status';
import type { Balancer, Host, HostInstance } from '../lib/types';
import { BalancerTable } from '../components/Balancers';
import { Card, Empty, ErrorBox, Skeleton, StatusBadge } from '../components/ui';

function hostList(body: unknown): Host[] {
  if (Array.isArray(body)) return body;
  const b = body as any;
  return b?.hosts ?? b?.items ?? [];
}

function instanceCount(h: Host): number | null {
  if (Array.isArray(h.instances)) return h.instances.length;
  if (typeof h.instances === 'number') return h.instances;
  return h.usage?.instances ?? null;
}

export function Usage({ label, used, total, format }: { label: string; used?: number | null; total?: number | null; format: (n: number) => string }) {
  if (total == null) return null;
  const pct = used != null && total > 0 ? Math.min(100, Math.round((used / total) * 100)) : null;
  return (
    <div class="usage">
      <div class="usage-text">
        <span class="label">{label}</span>
        <span>
          {used != null ? `${format(used)} of ${format(total)}` : `${format(total)}`}
          {pct != null && <span class="muted"> ({pct}%)</span>}
        </span>
      </div>
      {pct != null && (
        <span class={`meter ${pct > 90 ? 'tone-bad' : pct > 70 ? 'tone-warn' : 'tone-ok'}`} aria-hidden="true">
          <span class="meter-fill" style={{ width: `${pct}%` }} />
        </span>
      )}
    </div>
  );
}

/** "3 serving, 1 failed": how the host's balancers are, counted by state. */
function balancerSummary(list: Balancer[]): string {
  if (list.length === 0) return '—';
  const counts = new Map<string, number>();
  list.forEach((b) => counts.set(b.state, (counts.get(b.state) ?? 0) + 1));
  return [...counts].map(([state, k]) => `${k} ${state}`).join(', ');
}

const cpus = (n: number) => `${Math.round(n * 100) / 100} CPU${n === 1 ? '' : 's'}`;

function HostCard({ host, onChanged, detail = false }: { host: Host; onChanged: () => void; detail?: boolean }) {
  const me = useMe();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const capCpus = host.capacity.cpus;
  const capMem = host.capacity.memoryBytes;
  const n = instanceCount(host);
  const status = (host.status ?? '').toUpperCase();
  const drain = async () => {
    if (!confirm(`Drain ${host.name}? Its instances move to other hosts and nothing new is placed on it.`)) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/hosts/${encodeURIComponent(host.name)}/drain`, { method: 'POST' });
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      class="host-card"
      title={detail ? host.name : <a href={`/hosts/${encodeURIComponent(host.name)}`}>{host.name}</a>}
      actions={<StatusBadge status={status} />}
    >
      <div class="host-meta muted small mono wrap">
        <span data-testid={`host-address-${host.name}`}>{host.address}</span> · {host.endpoint}
      </div>
      {host.message && <div class="field-error small wrap" data-testid={`host-message-${host.name}`}>{host.message}</div>}
      <Usage label="CPU" used={host.usage.reservedCpus} total={capCpus} format={cpus} />
      <Usage label="Memory" used={host.usage.reservedMemoryBytes} total={capMem} format={(v) => bytes(v)} />
      <div class="usage-text">
        <span class="label">Instances</span>
        <span>{n ?? '—'}</span>
      </div>
      <div class="usage-text" data-testid={`host-balancers-${host.name}`}>
        <span class="label">Balancers</span>
        <span>{balancerSummary(host.balancers ?? [])}</span>
      </div>
      {detail && (host.balancers ?? []).length > 0 && <BalancerTable balancers={host.balancers} by="service" />}
      {can(me, 'hosts') && status === 'READY' && (
        <div class="form-actions">
          <button class="btn btn-sm btn-danger" onClick={drain} disabled={busy} data-testid={`drain-${host.name}`}>
            {busy ? 'Draining…' : 'Drain'}
          </button>
        </div>
      )}
      {error && <div class="field-error">{error}</div>}
      {detail && Array.isArray(host.instances) && (
        <ul class="instances">
          {host.instances.map((i: HostInstance) => {
            const h = instanceHealth(i);
            return (
              <li class="instance" key={i.containerName ?? `${i.app}-${i.service}-${i.slot}`}>
                <span class="instance-name">
                  {i.app ? <a href={`/apps/${encodeURIComponent(i.app)}`}>{i.app}</a> : null} {i.service}{' '}
                  <span class="muted">r{i.revision} · slot {i.slot}</span>
                </span>
                <StatusBadge status={h} tone={statusTone(h)} />
                <span class="mono muted small wrap">{i.address ?? ''}</span>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

export function HostsPage() {
  const hosts = useLoad('hosts', (signal) => api<unknown>('/api/v1/hosts', { signal }), 5000);
  return (
    <div class="page">
      <div class="page-head">
        <div>
          <h1>Hosts</h1>
          <p class="muted">The Docker engines Baton places instances on.</p>
        </div>
      </div>
      {hosts.error && <ErrorBox error={hosts.error} title="Could not load the hosts" />}
      {hosts.loading && hosts.data === undefined && <Skeleton rows={3} />}
      {hosts.data != null && hostList(hosts.data).length === 0 && <Empty title="No hosts registered" />}
      {hosts.data != null && (
        <div class="host-grid" data-testid="hosts">
          {hostList(hosts.data).map((h) => (
            <HostCard key={h.name} host={h} onChanged={hosts.reload} />
          ))}
        </div>
      )}
    </div>
  );
}

/** A host's detail, or null when there is no host of that name. */
async function loadHost(name: string, signal: AbortSignal): Promise<Host | null> {
  try {
    return await api<Host>(`/api/v1/hosts/${encodeURIComponent(name)}`, { signal });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export function HostPage({ name }: { name: string }) {
  const host = useLoad(`host:${name}`, (signal) => loadHost(name, signal), 5000);
  return (
    <div class="page">
      <div class="page-head">
        <div>
          <div class="crumbs">
            <a href="/hosts">Hosts</a> /
          </div>
          <h1>{name}</h1>
        </div>
      </div>
      {host.error && <ErrorBox error={host.error} title="Could not load the host" />}
      {host.loading && host.data === undefined && <Skeleton rows={3} />}
      {host.data === null && (
        <Empty title={`No host named ${name}`}>
          <a href="/hosts">Back to the hosts</a>
        </Empty>
      )}
      {host.data && <HostCard host={host.data} onChanged={host.reload} detail />}
    </div>
  );
}

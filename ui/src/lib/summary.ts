import { isHealthy } from './status';
import type { AppDetail, AppSpec, Instance, Operation, Revision } from './types';

export interface ServiceSummary {
  name: string;
  image: string | null;
  desired: number | null;
  healthy: number;
  running: number;
}

export interface AppRow {
  name: string;
  currentRevision: number | null;
  services: ServiceSummary[];
  lastOperation: Operation | null;
}

/** GET /apps/{app}/revisions: a list of rows keyed by `revision`, each with its full `spec`. */
export function revisionList(body: unknown): Revision[] {
  const list = Array.isArray(body) ? body : [];
  return (list as Revision[]).sort((a, b) => b.revision - a.revision);
}

export function currentSpec(detail: Pick<AppDetail, 'currentRevision'> & { spec?: AppSpec }, revisions: Revision[] | null): AppSpec | null {
  if (detail.spec?.services) return detail.spec;
  const rev = revisions?.find((r) => r.revision === detail.currentRevision);
  return rev?.spec ?? null;
}

/** Per service: image and desired replicas from the current spec, healthy and running from the instances. */
export function summarizeServices(spec: AppSpec | null, instances: Instance[]): ServiceSummary[] {
  const byName = new Map<string, ServiceSummary>();
  for (const s of spec?.services ?? []) {
    if (!s.name) continue;
    byName.set(s.name, { name: s.name, image: s.image ?? null, desired: s.replicas ?? null, healthy: 0, running: 0 });
  }
  for (const i of instances) {
    let s = byName.get(i.service);
    if (!s) {
      s = { name: i.service, image: null, desired: null, healthy: 0, running: 0 };
      byName.set(i.service, s);
    }
    if ((i.state ?? '').toLowerCase() === 'running') s.running++;
    if (isHealthy(i)) s.healthy++;
  }
  return [...byName.values()];
}

export function summarizeApp(detail: AppDetail & { spec?: AppSpec }, revisions: Revision[] | null): AppRow {
  return {
    name: detail.name,
    currentRevision: detail.currentRevision ?? null,
    services: summarizeServices(currentSpec(detail, revisions), detail.instances ?? []),
    lastOperation: detail.operations?.[0] ?? null,
  };
}

/** Instances grouped by host, hosts in name order; instances without a host under "unplaced". */
export function byHost(instances: Instance[]): Array<[string, Instance[]]> {
  const groups = new Map<string, Instance[]>();
  for (const i of instances) {
    const h = i.host ?? 'unplaced';
    const list = groups.get(h) ?? [];
    list.push(i);
    groups.set(h, list);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => a.service.localeCompare(b.service) || a.slot - b.slot || a.revision - b.revision);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

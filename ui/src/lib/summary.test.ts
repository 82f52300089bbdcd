import { describe, expect, it } from 'vitest';
import { byHost, revisionList, summarizeApp } from './summary';
import { parseRoute } from './router';
import type { AppDetail, Instance, Operation, Revision } from './types';

const inst = (service: string, slot: number, host: string, state = 'running', health = 'healthy', revision = 1) => ({
  service,
  slot,
  host,
  state,
  health,
  revision,
  containerName: `shop-${service}-${slot}`,
  updatedAt: '2026-12-01T10:00:00Z',
}) as Instance;

const detail = (d: Partial<AppDetail>) => d as AppDetail;

describe('summarizeApp', () => {
  it('desired from the current revision spec, healthy from instances', () => {
    const row = summarizeApp(
      detail({
        name: 'shop',
        currentRevision: 2,
        instances: [inst('web', 1, 'h1'), inst('web', 2, 'h2', 'running', 'starting'), inst('worker', 1, 'h1')],
        operations: [{ id: 'o1', app: 'shop', kind: 'DEPLOY', revision: 2, status: 'SUCCEEDED', workflowId: 'deploy:shop:r2' } as Operation],
      }),
      [
        { revision: 2, spec: { services: [{ name: 'web', image: 'w:v2', replicas: 3 }] } } as Revision,
        { revision: 1, spec: { services: [{ name: 'web', image: 'w:v1', replicas: 2 }] } } as Revision,
      ],
    );
    expect(row.services).toEqual([
      { name: 'web', image: 'w:v2', desired: 3, healthy: 1, running: 2 },
      { name: 'worker', image: null, desired: null, healthy: 1, running: 1 },
    ]);
    expect(row.lastOperation?.status).toBe('SUCCEEDED');
  });

  it('without the revisions API desired is unknown', () => {
    const row = summarizeApp(detail({ name: 'a', currentRevision: 1, instances: [inst('web', 1, 'h1')], operations: [] }), null);
    expect(row.services[0].desired).toBeNull();
    expect(row.lastOperation).toBeNull();
  });
});

describe('helpers', () => {
  it('groups instances by host', () => {
    const groups = byHost([inst('web', 2, 'h2'), inst('web', 1, 'h1'), inst('api', 1, 'h1')]);
    expect(groups.map(([h, l]) => [h, l.map((i) => `${i.service}${i.slot}`)])).toEqual([
      ['h1', ['api1', 'web1']],
      ['h2', ['web2']],
    ]);
  });

  it('reads the API\'s revision rows, newest first', () => {
    expect(revisionList([{ revision: 1 }, { revision: 3 }, { revision: 2 }]).map((r) => r.revision)).toEqual([3, 2, 1]);
    expect(revisionList(null)).toEqual([]);
  });

  it('routes deep links', () => {
    expect(parseRoute('/')).toEqual({ page: 'apps' });
    expect(parseRoute('/apps/shop')).toEqual({ page: 'app', app: 'shop', tab: 'overview' });
    expect(parseRoute('/apps/shop/revisions')).toEqual({ page: 'app', app: 'shop', tab: 'revisions' });
    expect(parseRoute('/operations/abc')).toEqual({ page: 'operation', id: 'abc' });
    expect(parseRoute('/deploy')).toEqual({ page: 'newApp' });
    expect(parseRoute('/hosts/host1')).toEqual({ page: 'host', name: 'host1' });
    expect(parseRoute('/nope/x/y').page).toBe('notFound');
  });
});

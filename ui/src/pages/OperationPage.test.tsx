import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeContext } from '../lib/hooks';
import type { Me, Operation } from '../lib/types';
import { OperationPage } from './OperationPage';

const operation = (status: Operation['status'], extra: Partial<Operation> = {}): Operation => ({
  id: 'op-1',
  app: 'shop',
  kind: 'DEPLOY',
  revision: 3,
  status,
  workflowId: 'deploy:shop:r3',
  runId: 'run-1',
  requestedBy: 'alice',
  reason: 'ship v3',
  createdAt: new Date().toISOString(),
  links: { self: '/api/v1/operations/op-1', app: '/api/v1/apps/shop', events: '/api/v1/operations/op-1/events', temporalUi: 'http://temporal.example/namespaces/default/workflows/deploy%3Ashop%3Ar3/run-1/history' },
  ...extra,
});

function serve(op: Operation) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = String(url).includes('/events')
        ? [{ seq: 1, type: 'operation.running', message: 'rolling to r3', at: new Date().toISOString() }]
        : op;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
}

async function show(me: Me, op: Operation) {
  serve(op);
  const root = document.createElement('div');
  document.body.appendChild(root);
  render(
    <MeContext.Provider value={me}>
      <OperationPage id={op.id} />
    </MeContext.Provider>,
    root,
  );
  await vi.waitFor(() => expect(root.querySelector('h1')).not.toBeNull());
  return root;
}

afterEach(() => {
  document.body.querySelectorAll('div').forEach((d) => {
    render(null, d);
    d.remove();
  });
  vi.unstubAllGlobals();
});

describe('OperationPage', () => {
  it('gives a deployer pause and abort on a running rollout, and the Temporal link', async () => {
    const root = await show(
      { name: 'alice', role: 'deployer' },
      operation('RUNNING', {
        progress: {
          operationId: 'op-1',
          revision: 3,
          status: 'RUNNING',
          phase: 'batch 1',
          error: null,
          services: [
            {
              service: 'web',
              revision: 3,
              batch: 1,
              batches: 2,
              replicas: 2,
              failures: 0,
              slots: [{ slot: 1, revision: 3, host: 'host1', state: 'health-checking', detail: '1/3 checks' }],
            },
          ],
        },
      }),
    );
    const pause = root.querySelector<HTMLButtonElement>('[data-testid="pause"]')!;
    expect(pause.disabled).toBe(false);
    expect(root.querySelector<HTMLButtonElement>('[data-testid="resume"]')!.disabled).toBe(true);
    expect(root.querySelector<HTMLButtonElement>('[data-testid="abort"]')!.disabled).toBe(false);
    expect(root.querySelector('[data-testid="temporal-link"]')!.getAttribute('href')).toContain('run-1');
    expect(root.querySelector('[data-slot="1"]')!.getAttribute('data-state')).toBe('health-checking');
    expect(root.querySelector('[data-testid="batch"]')!.textContent).toBe('1 of 2 slots started');
    await vi.waitFor(() => expect(root.querySelector('[data-testid="timeline"]')?.textContent).toContain('rolling to r3'));
  });

  it('shows a viewer no steering buttons', async () => {
    const root = await show({ name: 'v', role: 'viewer' }, operation('RUNNING'));
    for (const id of ['pause', 'resume', 'abort']) {
      expect(root.querySelector(`[data-testid="${id}"]`)).toBeNull();
    }
    expect(root.querySelector('[data-testid="temporal-link"]')).not.toBeNull();
  });

  it('shows the rollback banner with the reason and no steering once it ended', async () => {
    const root = await show(
      { name: 'a', role: 'admin' },
      operation('ROLLED_BACK', { error: 'web r3 slot 1: unhealthy: HTTP 404', finishedAt: new Date().toISOString() }),
    );
    const banner = root.querySelector('[data-testid="banner"]')!;
    expect(banner.textContent).toContain('rolled back');
    expect(banner.textContent).toContain('Reason: web r3 slot 1: unhealthy: HTTP 404');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(root.querySelector('[data-testid="pause"]')).toBeNull();
  });
});

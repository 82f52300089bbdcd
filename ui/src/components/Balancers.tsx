import { ago, dateTime } from '../lib/format';
import type { Balancer } from '../lib/types';
import { StatusBadge } from './ui';

const TONE = { serving: 'ok', idle: 'idle', failed: 'bad' } as const;

/**
 * Balancers as Baton last saw them: per host and service, where it answers, over how many
 * instances, and its state. `by` names the column that varies: the host (an app's page) or the
 * app's service (a host's page).
 */
export function BalancerTable({ balancers, by }: { balancers: Balancer[]; by: 'host' | 'service' }) {
  return (
    <div class="table-wrap">
      <table class="table" data-testid="balancers">
        <thead>
          <tr>
            <th>{by === 'host' ? 'Service · host' : 'App · service'}</th>
            <th>Answers on</th>
            <th>In service</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {balancers.map((b) => (
            <tr key={`${b.host}-${b.app}-${b.service}`} data-balancer={`${b.service}@${b.host}`}>
              <td data-label="Balancer" class="strong">
                {by === 'host' ? (
                  <>
                    {b.service} <span class="muted">· <a href={`/hosts/${encodeURIComponent(b.host)}`}>{b.host}</a></span>
                  </>
                ) : (
                  <>
                    <a href={`/apps/${encodeURIComponent(b.app)}`}>{b.app}</a> <span class="muted">· {b.service}</span>
                  </>
                )}
              </td>
              <td data-label="Answers on" class="mono wrap">
                {b.listens.length > 0 ? b.listens.join(', ') : <span class="muted">by name only</span>}
              </td>
              <td data-label="In service">
                {b.servers} instance{b.servers === 1 ? '' : 's'}
              </td>
              <td data-label="State">
                <StatusBadge status={b.state} label={b.state} tone={TONE[b.state as keyof typeof TONE] ?? 'warn'} />{' '}
                <time class="muted small" title={dateTime(b.updatedAt)}>
                  {ago(b.updatedAt)}
                </time>
                {b.detail && <div class="field-error small wrap">{b.detail}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { Plan } from '../lib/types';

const SIGN: Record<string, string> = { added: '+', removed: '−', changed: '~', unchanged: '=' };

/** What a deploy would do: what changes, where each slot goes, and the warnings. */
export function PlanView({ plan }: { plan: Plan }) {
  const from = plan.currentRevision != null ? `r${plan.currentRevision}` : 'nothing yet';
  return (
    <div class="plan" data-testid="plan">
      <p class="plan-head">
        <strong>
          {from} → r{plan.revision}
        </strong>
        {plan.unchanged && <span class="muted"> · same spec: every instance is replaced</span>}
      </p>
      <ul class="diff-lines" data-testid="plan-changes">
        {plan.changes.map((c) => (
          <li key={c.service} class={`diff-${c.change === 'removed' ? 'removed' : c.change === 'added' ? 'added' : 'changed'}`}>
            <span class="diff-sign" aria-label={c.change}>
              {SIGN[c.change] ?? '~'}
            </span>
            <span class="mono diff-path">{c.service}</span> <span class="muted">{c.change}</span>
            {c.fields.map((f) => (
              <div key={f.field} class="mono small wrap">
                {f.field}: <del>{f.before ?? '—'}</del> → <ins>{f.after ?? '—'}</ins>
              </div>
            ))}
          </li>
        ))}
      </ul>
      <div class="table-wrap">
        <table class="table" data-testid="plan-slots">
          <thead>
            <tr>
              <th>Service</th>
              <th>Slot</th>
              <th>Action</th>
              <th>From</th>
              <th>To</th>
            </tr>
          </thead>
          <tbody>
            {plan.services.flatMap((s) =>
              s.slots.map((slot) => (
                <tr key={`${s.service}-${slot.slot}-${slot.action}`} class={slot.problem ? 'tone-bad' : ''}>
                  <td data-label="Service" class="strong">
                    {s.service}
                    {s.global && <span class="chip">global</span>}
                  </td>
                  <td data-label="Slot">{slot.slot}</td>
                  <td data-label="Action">{slot.action}</td>
                  <td data-label="From">{slot.fromHost ?? '—'}</td>
                  <td data-label="To" class="wrap">
                    {slot.toHost ?? <span class="field-error">{slot.problem ?? '—'}</span>}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      <p class="muted small">
        {plan.services
          .map((s) => `${s.service}: ${s.update.order?.toLowerCase().replace('_', '-')}, ${s.update.parallelism} at a time, on failure ${s.update.failureAction?.toLowerCase()}`)
          .join(' · ')}
      </p>
      {plan.warnings.length > 0 && (
        <ul class="warnings" data-testid="plan-warnings">
          {plan.warnings.map((w, i) => (
            <li key={i} class="tone-warn">
              {w.line != null && <span class="mono">line {w.line}: </span>}
              {w.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

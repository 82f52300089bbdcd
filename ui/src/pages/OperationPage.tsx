import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../lib/api';
import { dateTime, duration, shortId, time } from '../lib/format';
import { useMe } from '../lib/hooks';
import { followEvents, sleep } from '../lib/live';
import { can } from '../lib/session';
import { bannerFor, isTerminal, statusLabel, steering } from '../lib/status';
import type { OpEvent, Operation, Progress, ServiceProgress, SlotProgress } from '../lib/types';
import { Banner, Card, Empty, ErrorBox, Skeleton, StatusBadge } from '../components/ui';

export const STEPS = ['pulling', 'creating', 'starting', 'health-checking', 'healthy'] as const;

/** Where a slot is on the pulling → healthy path (failed and stopped end it). */
export function stepIndex(state: string): number {
  const i = STEPS.indexOf(state as (typeof STEPS)[number]);
  return i;
}

export function OperationPage({ id }: { id: string }) {
  const me = useMe();
  const [op, setOp] = useState<Operation | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [events, setEvents] = useState<OpEvent[]>([]);
  const [mode, setMode] = useState<'stream' | 'polling' | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [action, setAction] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const statusRef = useRef<string | undefined>(undefined);
  const refresh = useRef<() => void>(() => {});

  // The operation itself (status, error, live progress): every second until it ends.
  useEffect(() => {
    const ctl = new AbortController();
    let wake: (() => void) | null = null;
    refresh.current = () => wake?.();
    (async () => {
      while (!ctl.signal.aborted) {
        try {
          const next = await api<Operation>(`/api/v1/operations/${encodeURIComponent(id)}`, { signal: ctl.signal });
          statusRef.current = next.status;
          setOp(next);
          setError(null);
          if (next.progress) setProgress(next.progress);
          if (isTerminal(next.status)) return;
        } catch (e) {
          if (ctl.signal.aborted) return;
          if (e instanceof ApiError && e.status === 404) {
            setNotFound(true);
            return;
          }
          setError(e as Error);
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          sleep(1000, ctl.signal).then(resolve);
        });
      }
    })();
    return () => ctl.abort();
  }, [id]);

  // Its events: streamed (SSE over fetch) or polled.
  useEffect(() => {
    const ctl = new AbortController();
    setEvents([]);
    followEvents(
      { id },
      ctl.signal,
      {
        onEvents: (fresh) => {
          setEvents((old) => {
            const seen = new Set(old.map((e) => e.seq));
            return [...old, ...fresh.filter((e) => !seen.has(e.seq))].sort((a, b) => a.seq - b.seq);
          });
          refresh.current();
        },
        onStatus: () => refresh.current(),
        onMode: setMode,
      },
      () => statusRef.current,
    )
      .catch(() => setMode('polling'))
      .finally(() => {
        if (!ctl.signal.aborted) setMode(null);
      });
    return () => ctl.abort();
  }, [id]);

  const steer = async (what: 'pause' | 'resume' | 'abort') => {
    setAction(what);
    setActionError(null);
    try {
      const q = what === 'abort' ? `?reason=${encodeURIComponent('aborted from the dashboard')}` : '';
      await api(`/api/v1/operations/${encodeURIComponent(id)}/${what}${q}`, { method: 'POST' });
      refresh.current();
    } catch (e) {
      setActionError((e as Error).message);
    } finally {
      setAction(null);
    }
  };

  if (notFound) return <Empty title="No such operation">It may belong to a Baton with another database. <a href="/">Back to the apps</a></Empty>;
  if (!op) return error ? <ErrorBox error={error} title="Could not load the operation" /> : <Skeleton rows={6} />;

  const banner = bannerFor({ ...op, progress: progress ?? undefined });
  const live = !isTerminal(op.status);
  const s = steering(op.status);
  const mayStreer = can(me, 'steer');
  return (
    <div class="page">
      <div class="page-head">
        <div>
          <div class="crumbs">
            <a href="/">Apps</a> / <a href={`/apps/${encodeURIComponent(op.app)}`}>{op.app}</a> /
          </div>
          <h1>
            {statusLabel(op.kind)} r{op.revision} <StatusBadge status={op.status} />
          </h1>
          <p class="muted">
            {op.requestedBy ? <>by <strong>{op.requestedBy}</strong> · </> : null}
            {op.reason ? <>“{op.reason}” · </> : null}
            <time title={dateTime(op.createdAt)}>{time(op.createdAt)}</time>
            {op.startedAt && <> · {duration(op.startedAt, op.finishedAt)}</>} · <span class="mono">{shortId(op.id)}</span>
          </p>
        </div>
        <div class="head-actions">
          {mayStreer && live && (
            <>
              <button class="btn" disabled={!s.pause || !!action} onClick={() => steer('pause')} data-testid="pause">
                Pause
              </button>
              <button class="btn" disabled={!s.resume || !!action} onClick={() => steer('resume')} data-testid="resume">
                Resume
              </button>
              <button class="btn btn-danger" disabled={!s.abort || !!action} onClick={() => steer('abort')} data-testid="abort">
                Abort
              </button>
            </>
          )}
          {op.links?.temporalUi && (
            <a class="btn btn-ghost" href={op.links.temporalUi} target="_blank" rel="noopener" data-testid="temporal-link">
              Open in Temporal UI ↗
            </a>
          )}
        </div>
      </div>
      {actionError && <ErrorBox error={actionError} title="The request was refused" />}
      <div class="banner-slot">{banner && <Banner info={banner} />}</div>
      <div class="live-line muted small" aria-live="polite">
        {live
          ? mode === 'stream'
            ? '● Live: streaming events'
            : '● Live: refreshing every second'
          : `Finished ${op.finishedAt ? time(op.finishedAt) : ''}`}
        {progress?.phase && live ? ` · ${progress.phase}` : ''}
      </div>
      <div class="op-grid">
        <Card title="Progress" class="progress-card">
          {progress && progress.services.length > 0 ? (
            <div class="services-progress" data-testid="progress">
              {progress.services.map((svc) => (
                <ServiceLane key={svc.service} svc={svc} />
              ))}
              {!live && <p class="muted small">Last state seen while it ran.</p>}
            </div>
          ) : live ? (
            <Empty title={op.status === 'QUEUED' ? 'Waiting to start' : 'Starting…'}>The first slots appear here as soon as the rollout plans them.</Empty>
          ) : (
            <Empty title="Progress is shown while an operation runs">The timeline has every step it took.</Empty>
          )}
        </Card>
        <Card title={`Timeline (${events.length})`} class="timeline-card">
          {events.length === 0 ? (
            <Empty title="No events yet" />
          ) : (
            <ol class="timeline" data-testid="timeline">
              {events.map((e) => (
                <li key={e.seq} class={`tl tl-${eventTone(e.type)}`}>
                  <time class="tl-time mono small">{time(e.at)}</time>
                  <div class="tl-body">
                    <span class="tl-type">{e.type}</span>
                    {e.service && <span class="chip">{e.service}</span>}
                    <div class="tl-msg">{e.message}</div>
                    {e.actor && <div class="muted small">by {e.actor}</div>}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </div>
  );
}

function eventTone(type: string): string {
  const t = type.toLowerCase();
  if (/(fail|unhealthy|error|rollback|rolled|abort)/.test(t)) return 'bad';
  if (/(healthy|succeeded|done|finished|completed)/.test(t)) return 'ok';
  if (/(pause)/.test(t)) return 'warn';
  return 'idle';
}

function ServiceLane({ svc }: { svc: ServiceProgress }) {
  const batches = Math.max(svc.batches, 1);
  return (
    <div class="lane" data-service={svc.service}>
      <div class="lane-head">
        <strong>{svc.service}</strong>
        <span class="muted">r{svc.revision}</span>
        <span class="chip" data-testid="batch">
          {Math.min(svc.batch, batches)} of {batches} slots started
        </span>
        <span class="muted small">
          {svc.replicas} replica{svc.replicas === 1 ? '' : 's'}
          {svc.failures > 0 && <> · <span class="text-bad">{svc.failures} failed</span></>}
        </span>
      </div>
      <div class="batch-bar" aria-hidden="true">
        {Array.from({ length: batches }, (_, i) => (
          <span key={i} class={i + 1 < svc.batch ? 'done' : i + 1 === svc.batch ? 'now' : ''} />
        ))}
      </div>
      <ul class="slots">
        {svc.slots.map((slot) => (
          <SlotCard key={`${slot.slot}-${slot.revision}`} slot={slot} />
        ))}
      </ul>
    </div>
  );
}

function SlotCard({ slot }: { slot: SlotProgress }) {
  const idx = stepIndex(slot.state);
  const ended = slot.state === 'failed' || slot.state === 'stopped';
  return (
    <li class={`slot state-${slot.state}`} data-slot={slot.slot} data-state={slot.state}>
      <div class="slot-head">
        <span class="strong">slot {slot.slot}</span>
        <span class="muted small">r{slot.revision}{slot.host ? ` · ${slot.host}` : ''}</span>
      </div>
      <StatusBadge status={slot.state} />
      <ol class="steps" aria-label={`slot ${slot.slot}: ${slot.state}`}>
        {STEPS.map((step, i) => (
          <li key={step} class={ended ? (i <= Math.max(idx, 0) ? 'stopped' : '') : i < idx ? 'done' : i === idx ? (step === 'healthy' ? 'done' : 'now') : ''} title={step} />
        ))}
      </ol>
      <div class="slot-detail small" title={slot.detail ?? ''}>
        {slot.detail || ' '}
      </div>
    </li>
  );
}

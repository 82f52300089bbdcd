import type { ComponentChildren } from 'preact';
import { statusLabel, statusTone, type BannerInfo, type Tone } from '../lib/status';

const ICON: Record<Tone, string> = { ok: '✓', bad: '✕', warn: '❚❚', busy: '◌', idle: '•' };

/** A status as text with a colour and a shape: readable without colour. */
export function StatusBadge({ status, label, tone }: { status?: string | null; label?: string; tone?: Tone }) {
  const t = tone ?? statusTone(status);
  return (
    <span class={`badge tone-${t}`} data-status={status ?? ''}>
      <span class={`badge-icon ${t === 'busy' ? 'spin' : ''}`} aria-hidden="true">
        {ICON[t]}
      </span>
      {label ?? statusLabel(status)}
    </span>
  );
}

export function Banner({ info, children }: { info: BannerInfo; children?: ComponentChildren }) {
  return (
    <div class={`banner tone-${info.tone}`} role={info.tone === 'bad' ? 'alert' : 'status'} data-testid="banner">
      <span class="banner-icon" aria-hidden="true">
        {ICON[info.tone]}
      </span>
      <div class="banner-body">
        <strong class="banner-title">{info.title}</strong>
        {info.detail && <div class="banner-detail">Reason: {info.detail}</div>}
        {children}
      </div>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <div class="empty-title">{title}</div>
      {children && <div class="empty-body">{children}</div>}
    </div>
  );
}

export function ErrorBox({ error, title = 'Could not load this' }: { error: Error | string; title?: string }) {
  return (
    <div class="banner tone-bad" role="alert">
      <span class="banner-icon" aria-hidden="true">
        ✕
      </span>
      <div class="banner-body">
        <strong class="banner-title">{title}</strong>
        <div class="banner-detail">{typeof error === 'string' ? error : error.message}</div>
      </div>
    </div>
  );
}

export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div class="skeleton" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div class="skeleton-row" key={i} />
      ))}
    </div>
  );
}

export function Card({ title, actions, children, class: cls }: {
  title?: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <section class={`card ${cls ?? ''}`}>
      {(title || actions) && (
        <header class="card-head">
          {title && <h2 class="card-title">{title}</h2>}
          {actions && <div class="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

/** healthy/desired as a small bar plus the numbers; desired unknown (older server): healthy/running. */
export function Replicas({ healthy, desired, running }: { healthy: number; desired: number | null; running?: number }) {
  const d = desired ?? running ?? healthy;
  const pct = d > 0 ? Math.min(100, Math.round((healthy / d) * 100)) : 0;
  const tone: Tone = d === 0 ? 'idle' : healthy >= d ? 'ok' : healthy === 0 ? 'bad' : 'warn';
  return (
    <span class={`replicas tone-${tone}`} title={desired == null ? `${healthy} healthy of ${d} running` : `${healthy} healthy of ${d} desired`}>
      <span class="meter" aria-hidden="true">
        <span class="meter-fill" style={{ width: `${pct}%` }} />
      </span>
      <span class="replicas-text">
        {healthy}/{d} healthy
      </span>
    </span>
  );
}

import type { Operation, OperationStatus } from './types';

export type Tone = 'ok' | 'warn' | 'bad' | 'busy' | 'idle';

const TERMINAL: OperationStatus[] = ['SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'ABORTED'];

export function isTerminal(status: string | null | undefined): boolean {
  return TERMINAL.includes(status as OperationStatus);
}

/** Every status is shown as text and a shape/colour, never colour alone. */
export function statusTone(status: string | null | undefined): Tone {
  switch ((status ?? '').toUpperCase()) {
    case 'SUCCEEDED':
    case 'HEALTHY':
    case 'READY':
    case 'RUNNING_HEALTHY':
      return 'ok';
    case 'RUNNING':
    case 'ROLLING_BACK':
    case 'PULLING':
    case 'CREATING':
    case 'STARTING':
    case 'HEALTH-CHECKING':
      return 'busy';
    case 'PAUSED':
    case 'QUEUED':
    case 'DRAINING':
    case 'ABORTED':
      return 'warn';
    case 'FAILED':
    case 'ROLLED_BACK':
    case 'UNREACHABLE':
    case 'UNHEALTHY':
    case 'EXITED':
      return 'bad';
    default:
      return 'idle';
  }
}

const LABELS: Record<string, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  PAUSED: 'Paused',
  ROLLING_BACK: 'Rolling back',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  ROLLED_BACK: 'Rolled back',
  ABORTED: 'Aborted',
  READY: 'Ready',
  UNREACHABLE: 'Unreachable',
  DRAINING: 'Draining',
  REMOVED: 'Removed',
};

export function statusLabel(status: string | null | undefined): string {
  if (!status) return 'Unknown';
  const known = LABELS[status.toUpperCase()];
  if (known) return known;
  const s = status.replace(/[_-]/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface BannerInfo {
  tone: Tone;
  title: string;
  detail: string | null;
}

/**
 * The banner on top of an operation: what happened in one sentence and why. Null while the
 * rollout simply runs (the progress view says enough).
 */
export function bannerFor(op: Pick<Operation, 'status' | 'error' | 'revision' | 'kind'> & {
  progress?: Operation['progress'];
}): BannerInfo | null {
  const reason = op.error || op.progress?.error || null;
  const rev = op.revision != null ? ` r${op.revision}` : '';
  const what = op.kind ? op.kind.toLowerCase() : 'operation';
  switch (op.status) {
    case 'SUCCEEDED':
      return { tone: 'ok', title: `The ${what} of${rev} succeeded`, detail: null };
    case 'FAILED':
      return {
        tone: 'bad',
        title: `The ${what} of${rev} failed`,
        detail: reason ?? 'No reason was recorded.',
      };
    case 'ROLLED_BACK':
      return {
        tone: 'bad',
        title: `The ${what} of${rev} failed and was rolled back to the previous revision`,
        detail: reason ?? 'No reason was recorded.',
      };
    case 'ROLLING_BACK':
      return {
        tone: 'bad',
        title: `Rolling back: the ${what} of${rev} failed`,
        detail: reason,
      };
    case 'ABORTED':
      return {
        tone: 'warn',
        title: `The ${what} of${rev} was aborted`,
        detail: reason,
      };
    case 'PAUSED':
      return {
        tone: 'warn',
        title: 'Paused: no new slot starts until you resume',
        detail: reason,
      };
    case 'QUEUED':
      return {
        tone: 'idle',
        title: 'Queued: waits for the operation before it to finish',
        detail: null,
      };
    default:
      return null;
  }
}

/** Which steering buttons make sense in a status. */
export function steering(status: OperationStatus): { pause: boolean; resume: boolean; abort: boolean } {
  return {
    pause: status === 'RUNNING',
    resume: status === 'PAUSED',
    abort: status === 'RUNNING' || status === 'PAUSED',
  };
}

/** Instance health as one word: healthy, starting, unhealthy, stopped. */
export function instanceHealth(i: { state?: string | null; health?: string | null }): string {
  const state = (i.state ?? '').toLowerCase();
  const health = (i.health ?? '').toLowerCase();
  if (state && state !== 'running') return state === 'exited' ? 'exited' : state;
  if (health === 'healthy' || (state === 'running' && (health === 'none' || health === ''))) {
    return 'healthy';
  }
  return health || 'unknown';
}

export function isHealthy(i: { state?: string | null; health?: string | null }): boolean {
  return instanceHealth(i) === 'healthy';
}

import { describe, expect, it } from 'vitest';
import { bannerFor, instanceHealth, isTerminal, statusLabel, statusTone, steering } from './status';

describe('bannerFor', () => {
  it('says rolled back with the reason', () => {
    const b = bannerFor({ status: 'ROLLED_BACK', kind: 'DEPLOY', revision: 3, error: 'web r3 slot 1: never became healthy' });
    expect(b?.tone).toBe('bad');
    expect(b?.title).toContain('rolled back');
    expect(b?.title).toContain('r3');
    expect(b?.detail).toBe('web r3 slot 1: never became healthy');
  });

  it('takes the reason from live progress while rolling back', () => {
    const b = bannerFor({
      status: 'ROLLING_BACK',
      kind: 'DEPLOY',
      revision: 2,
      error: null,
      progress: { operationId: 'op-1', revision: 2, status: 'ROLLING_BACK', phase: 'rollback', error: 'health check failed', services: [] },
    });
    expect(b?.title).toMatch(/^Rolling back/);
    expect(b?.detail).toBe('health check failed');
  });

  it('has a failed banner even without a recorded reason', () => {
    expect(bannerFor({ status: 'FAILED', kind: 'DEPLOY', revision: 1, error: null })?.detail).toBe('No reason was recorded.');
  });

  it('shows nothing while simply running', () => {
    expect(bannerFor({ status: 'RUNNING', kind: 'DEPLOY', revision: 1 })).toBeNull();
  });

  it('warns when paused or aborted, succeeds green', () => {
    expect(bannerFor({ status: 'PAUSED', kind: 'DEPLOY', revision: 1 })?.tone).toBe('warn');
    expect(bannerFor({ status: 'ABORTED', kind: 'DEPLOY', revision: 1, error: 'by alice' })?.detail).toBe('by alice');
    expect(bannerFor({ status: 'SUCCEEDED', kind: 'SCALE', revision: 4 })?.title).toBe('The scale of r4 succeeded');
  });
});

describe('status helpers', () => {
  it('knows terminal statuses', () => {
    expect(['SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'ABORTED'].every(isTerminal)).toBe(true);
    expect(['QUEUED', 'RUNNING', 'PAUSED', 'ROLLING_BACK', undefined].some(isTerminal)).toBe(false);
  });

  it('labels and tones', () => {
    expect(statusLabel('ROLLED_BACK')).toBe('Rolled back');
    expect(statusLabel('health-checking')).toBe('Health checking');
    expect(statusTone('UNREACHABLE')).toBe('bad');
    expect(statusTone('DRAINING')).toBe('warn');
    expect(statusTone('ready')).toBe('ok');
    expect(statusTone('health-checking')).toBe('busy');
  });

  it('offers only the steering that fits the status', () => {
    expect(steering('RUNNING')).toEqual({ pause: true, resume: false, abort: true });
    expect(steering('PAUSED')).toEqual({ pause: false, resume: true, abort: true });
    expect(steering('ROLLING_BACK')).toEqual({ pause: false, resume: false, abort: false });
  });

  it('reads instance health', () => {
    expect(instanceHealth({ state: 'running', health: 'healthy' })).toBe('healthy');
    expect(instanceHealth({ state: 'running', health: 'none' })).toBe('healthy');
    expect(instanceHealth({ state: 'running', health: 'starting' })).toBe('starting');
    expect(instanceHealth({ state: 'exited', health: 'unhealthy' })).toBe('exited');
  });
});

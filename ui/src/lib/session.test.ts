import { describe, expect, it } from 'vitest';
import { can, getToken, normalizeRole, setToken } from './session';

describe('role gating', () => {
  const viewer = { name: 'v', role: 'viewer' as const };
  const deployer = { name: 'd', role: 'deployer' as const };
  const admin = { name: 'a', role: 'admin' as const };

  it('a viewer may do nothing that writes', () => {
    for (const action of ['deploy', 'scale', 'rollback', 'steer', 'hosts'] as const) {
      expect(can(viewer, action)).toBe(false);
    }
  });

  it('a deployer deploys, scales, rolls back and steers, but does not manage hosts', () => {
    expect(can(deployer, 'deploy') && can(deployer, 'scale') && can(deployer, 'rollback') && can(deployer, 'steer')).toBe(true);
    expect(can(deployer, 'hosts')).toBe(false);
  });

  it('an admin may do everything; nobody signed in nothing', () => {
    expect(can(admin, 'hosts') && can(admin, 'deploy')).toBe(true);
    expect(can(null, 'deploy')).toBe(false);
  });

  it('normalizes roles from the server, unknown means viewer', () => {
    expect(normalizeRole('ADMIN')).toBe('admin');
    expect(normalizeRole('Deployer')).toBe('deployer');
    expect(normalizeRole('root')).toBe('viewer');
    expect(normalizeRole(undefined)).toBe('viewer');
  });

  it('keeps the token in session storage', () => {
    setToken('abc');
    expect(sessionStorage.getItem('baton.token')).toBe('abc');
    expect(getToken()).toBe('abc');
    setToken(null);
    expect(getToken()).toBeNull();
  });
});

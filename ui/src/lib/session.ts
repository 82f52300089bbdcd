import type { Me, Role } from './types';

const KEY = 'baton.token';

// The token lives in sessionStorage: it is gone when the tab closes and never shared across tabs.
export function getToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null) {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
}

export function normalizeRole(role: unknown): Role {
  const r = String(role ?? '').toLowerCase();
  return r === 'admin' || r === 'deployer' ? r : 'viewer';
}

export type Action =
  | 'deploy'
  | 'scale'
  | 'rollback'
  | 'steer' // pause / resume / abort
  | 'hosts'; // register and drain hosts

const NEEDS: Record<Action, Role> = {
  deploy: 'deployer',
  scale: 'deployer',
  rollback: 'deployer',
  steer: 'deployer',
  hosts: 'admin',
};

const RANK: Record<Role, number> = { viewer: 0, deployer: 1, admin: 2 };

/** Whether a caller may do an action; the server checks again, this only hides the buttons. */
export function can(me: Me | null | undefined, action: Action): boolean {
  if (!me) return false;
  return RANK[normalizeRole(me.role)] >= RANK[NEEDS[action]];
}

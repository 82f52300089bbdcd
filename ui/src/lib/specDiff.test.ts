import { describe, expect, it } from 'vitest';
import { diffSpecs, flatten, imageTag, imagesOf, withTag } from './specDiff';
import type { AppSpec } from './types';

const spec = (image: string, replicas: number, extra: Record<string, unknown> = {}): AppSpec => ({
  app: 'shop',
  services: [
    { name: 'web', image, replicas, command: ['httpd', '-f'], environment: { MODE: 'prod' }, ...extra },
    { name: 'db', image: 'reg/db:15', replicas: 1 },
  ],
  progressDeadlineMillis: 600000,
});

describe('flatten', () => {
  it('keys services by name and keeps scalar lists on one line', () => {
    const flat = flatten(spec('reg/web:v1', 2));
    expect(flat.get('services.web.image')).toBe('reg/web:v1');
    expect(flat.get('services.web.command')).toBe('httpd -f');
    expect(flat.get('services.web.environment.MODE')).toBe('prod');
    expect(flat.has('services.web.name')).toBe(false);
  });
});

describe('diffSpecs', () => {
  it('shows a changed image first, then replicas, then the rest', () => {
    const lines = diffSpecs(spec('reg/web:v1', 2), spec('reg/web:v2', 4, { environment: { MODE: 'prod', DEBUG: '1' } }));
    expect(lines).toEqual([
      { path: 'services.web.image', kind: 'changed', before: 'reg/web:v1', after: 'reg/web:v2' },
      { path: 'services.web.replicas', kind: 'changed', before: '2', after: '4' },
      { path: 'services.web.environment.DEBUG', kind: 'added', after: '1' },
    ]);
  });

  it('is empty for equal specs, and ignores the app name', () => {
    expect(diffSpecs(spec('a:1', 1), { ...spec('a:1', 1), app: 'other' })).toEqual([]);
  });

  it('names removed and added services by name, not by index', () => {
    const before = spec('reg/web:v1', 2);
    const after: AppSpec = { ...before, services: [before.services![1]] };
    const lines = diffSpecs(before, after);
    expect(lines.every((l) => l.kind === 'removed' && l.path.startsWith('services.web.'))).toBe(true);
    expect(lines.some((l) => l.path.startsWith('services.db'))).toBe(false);
  });

  it('handles a missing spec as empty', () => {
    expect(diffSpecs(null, spec('x:1', 1)).every((l) => l.kind === 'added')).toBe(true);
  });
});

describe('images', () => {
  it('reads tags of registry references with ports', () => {
    expect(imageTag('127.0.0.1:5000/baton-demo/web:v2')).toBe('v2');
    expect(imageTag('127.0.0.1:5000/baton-demo/web')).toBe('latest');
    expect(withTag('127.0.0.1:5000/baton-demo/web:v1', 'v2')).toBe('127.0.0.1:5000/baton-demo/web:v2');
    expect(withTag('127.0.0.1:5000/web', 'v3')).toBe('127.0.0.1:5000/web:v3');
    expect(imagesOf(spec('a:1', 1))).toEqual({ web: 'a:1', db: 'reg/db:15' });
  });
});

import { describe, expect, it } from 'vitest';
import { describe as describeError, mapErrors } from './problems';

describe('mapErrors', () => {
  const errors = [
    { path: 'services.web.build', line: 4, message: 'not supported by Baton' },
    { path: 'services.web.deploy.replicas', line: 9, message: 'must be >= 0' },
    { path: 'services.web.ports', line: 4, message: 'second on the same line' },
    { path: 'x-baton.progress_deadline', message: 'not a duration' },
    { message: 'something general' },
  ];

  it('puts errors with a line next to that line of the Compose text', () => {
    const m = mapErrors(errors, [], 20);
    expect([...m.byLine.keys()].sort()).toEqual([4, 9]);
    expect(m.byLine.get(4)?.map((e) => e.message)).toEqual(['not supported by Baton', 'second on the same line']);
    expect(m.general.map((e) => e.message)).toEqual(['not a duration', 'something general']);
  });

  it('a line past the end of the text is general', () => {
    const m = mapErrors([{ path: 'a', line: 40, message: 'far' }], [], 10);
    expect(m.general).toHaveLength(1);
  });

  it('maps spec paths onto the image and replica form fields', () => {
    const m = mapErrors(
      [
        { path: 'services.web.image', message: 'no such tag' },
        { path: 'images.api', message: 'unknown service' },
        { path: 'services.web.deploy.replicas', line: 9, message: 'too many' },
      ],
      ['images.web', 'images.api', 'replicas.web'],
    );
    expect(m.byPath.get('images.web')?.[0].message).toBe('no such tag');
    expect(m.byPath.get('images.api')?.[0].message).toBe('unknown service');
    expect(m.byPath.get('replicas.web')?.[0].message).toBe('too many');
    expect(m.byLine.size).toBe(0);
  });

  it('handles no errors', () => {
    expect(mapErrors(undefined).general).toEqual([]);
  });

  it('describes an error in one line', () => {
    expect(describeError({ path: 'services.web.build', line: 4, message: 'nope' })).toBe('services.web.build (line 4): nope');
    expect(describeError({ path: 'app', message: 'bad' })).toBe('app: bad');
    expect(describeError({ message: 'plain' })).toBe('plain');
  });
});

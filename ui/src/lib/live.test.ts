import { describe, expect, it, vi } from 'vitest';
import { SseParser, interpret } from './live';

describe('SseParser', () => {
  it('parses messages split across chunks, with CRLF and comments', () => {
    const p = new SseParser();
    expect(p.push('event: event\r\ndata: {"seq":1,')).toEqual([]);
    const out = p.push('"type":"batch-started","message":"web batch 1/2"}\r\n\r\n: keep-alive\n\nevent: status\ndata: {"status":"SUCCEEDED"}\n\n');
    expect(out).toEqual([
      { event: 'event', data: '{"seq":1,"type":"batch-started","message":"web batch 1/2"}', id: undefined },
      { event: 'status', data: '{"status":"SUCCEEDED"}', id: undefined },
    ]);
  });

  it('joins multi-line data and keeps the id', () => {
    const p = new SseParser();
    expect(p.push('id: 7\ndata: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb', id: '7' }]);
  });
});

describe('interpret', () => {
  it('an audit event', () => {
    expect(interpret({ event: 'message', data: '{"seq":3,"type":"slot-healthy","message":"ok"}' }).event?.seq).toBe(3);
  });
  it('a status, as JSON or bare', () => {
    expect(interpret({ event: 'status', data: '{"status":"ROLLED_BACK","error":"unhealthy"}' })).toEqual({ status: 'ROLLED_BACK', error: 'unhealthy' });
    expect(interpret({ event: 'status', data: 'FAILED' })).toEqual({ status: 'FAILED' });
    expect(interpret({ event: 'end', data: 'SUCCEEDED' })).toEqual({ status: 'SUCCEEDED' });
  });
  it('an operation snapshot counts as a status', () => {
    expect(interpret({ event: 'operation', data: '{"id":"x","status":"RUNNING"}' }).status).toBe('RUNNING');
  });
  it('ignores noise', () => {
    expect(interpret({ event: 'message', data: 'hello' })).toEqual({});
  });
});

describe('followEvents', () => {
  it('falls back to polling at once when the server does not stream, and stops after the end', async () => {
    const { followEvents } = await import('./live');
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push(`${(init.headers as Record<string, string>).Accept} ${url}`);
        if ((init.headers as Record<string, string>).Accept === 'text/event-stream') {
          return new Response('{"status":406}', { status: 406, headers: { 'Content-Type': 'application/problem+json' } });
        }
        return new Response(JSON.stringify([{ seq: 1, type: 'operation.succeeded', message: 'done' }]), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    const got: number[] = [];
    const modes: string[] = [];
    const started = Date.now();
    await followEvents(
      { id: 'op' },
      new AbortController().signal,
      { onEvents: (e) => got.push(...e.map((x) => x.seq)), onStatus: () => {}, onMode: (m) => modes.push(m) },
      () => 'SUCCEEDED',
    );
    expect(Date.now() - started).toBeLessThan(900);
    expect(got).toEqual([1]);
    expect(modes).toEqual(['polling']);
    expect(calls).toEqual(['text/event-stream /api/v1/operations/op/events', 'application/json /api/v1/operations/op/events?after=0']);
    vi.unstubAllGlobals();
  });

  it('reads a stream to its terminal status', async () => {
    const { followEvents } = await import('./live');
    const sse =
      'event: event\ndata: {"seq":1,"type":"operation.running","message":"go"}\n\n' +
      'event: event\ndata: {"seq":2,"type":"operation.succeeded","message":"done"}\n\n' +
      'event: status\ndata: {"status":"SUCCEEDED"}\n\n';
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(sse, { status: 200, headers: { 'Content-Type': 'text/event-stream' } })),
    );
    const got: number[] = [];
    const statuses: string[] = [];
    const modes: string[] = [];
    await followEvents(
      { id: 'op' },
      new AbortController().signal,
      { onEvents: (e) => got.push(...e.map((x) => x.seq)), onStatus: (s) => statuses.push(s), onMode: (m) => modes.push(m) },
      () => 'RUNNING',
    );
    expect(got).toEqual([1, 2]);
    expect(statuses).toEqual(['SUCCEEDED']);
    expect(modes).toEqual(['stream']);
    vi.unstubAllGlobals();
  });
});

import { describe, expect, it } from 'vitest';
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

import { API, ApiError, authHeaders, toApiError } from './api';
import { isTerminal } from './status';
import type { OpEvent, Operation } from './types';

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * Incremental parser of a text/event-stream body (WHATWG rules: fields per line, a blank line ends
 * a message, "data" lines join with \n, lines starting with ':' are comments).
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      const len = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      this.buffer = this.buffer.slice(nl + len);
      if (line === '') {
        if (this.data.length > 0) {
          out.push({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
        }
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') this.data.push(value);
      else if (field === 'event') this.event = value;
      else if (field === 'id') this.id = value;
    }
    return out;
  }
}

/** What one SSE message means to the live view: an audit event, a status change, or nothing. */
export function interpret(msg: SseMessage): { event?: OpEvent; status?: string; error?: string | null } {
  let data: any;
  try {
    data = JSON.parse(msg.data);
  } catch {
    data = msg.data;
  }
  if (data && typeof data === 'object') {
    if (typeof data.seq === 'number' && typeof data.type === 'string' && msg.event !== 'status') {
      return { event: data as OpEvent };
    }
    if (typeof data.status === 'string') {
      return { status: data.status, error: data.error ?? null };
    }
  }
  if (typeof data === 'string' && /^[A-Z_]+$/.test(data) && (msg.event === 'status' || isTerminal(data))) {
    return { status: data };
  }
  return {};
}

export interface FollowHandlers {
  onEvents(events: OpEvent[]): void;
  /** the stream (or polling) says the status changed: reload the operation */
  onStatus(status: string, error?: string | null): void;
  onMode(mode: 'stream' | 'polling'): void;
}

/**
 * Follows an operation's events: the SSE stream (fetch, so the Authorization header goes along;
 * EventSource cannot send one) when the server offers it, else polling `events?after=seq` every
 * second. Stops at a terminal status or when the signal aborts.
 */
export async function followEvents(
  op: Pick<Operation, 'id'>,
  signal: AbortSignal,
  handlers: FollowHandlers,
  getStatus: () => string | undefined,
): Promise<void> {
  let after = 0;
  const seen = (events: OpEvent[]) => {
    const fresh = events.filter((e) => e.seq > after);
    if (fresh.length) {
      after = Math.max(after, ...fresh.map((e) => e.seq));
      handlers.onEvents(fresh);
    }
  };
  const url = `${API}/operations/${encodeURIComponent(op.id)}/events`;
  try {
    const res = await fetch(url, {
      headers: authHeaders({ Accept: 'text/event-stream' }),
      signal,
    });
    if (!res.ok) throw await toApiError(res);
    const type = res.headers.get('Content-Type') ?? '';
    if (type.includes('text/event-stream') && res.body) {
      handlers.onMode('stream');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const msg of parser.push(value)) {
          const meaning = interpret(msg);
          if (meaning.event) seen([meaning.event]);
          if (meaning.status) {
            handlers.onStatus(meaning.status, meaning.error);
            if (isTerminal(meaning.status)) return;
          }
        }
      }
      // The stream ended (server restart, proxy timeout) before a terminal status: poll the rest.
    } else {
      // An older server answers the plain JSON list: take it and poll from there.
      const body = await res.json();
      if (Array.isArray(body)) seen(body);
    }
  } catch (e) {
    if (signal.aborted) return;
    if (e instanceof ApiError && e.status !== 406) throw e;
  }
  handlers.onMode('polling');
  for (let first = true; !signal.aborted; first = false) {
    if (!first) await sleep(1000, signal);
    if (signal.aborted) return;
    // Read the status before fetching, so the last fetch happens after the operation ended.
    const ended = isTerminal(getStatus());
    try {
      const res = await fetch(`${url}?after=${after}`, {
        headers: authHeaders({ Accept: 'application/json' }),
        signal,
      });
      if (res.ok) seen(await res.json());
    } catch {
      if (signal.aborted) return;
    }
    if (ended) return;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

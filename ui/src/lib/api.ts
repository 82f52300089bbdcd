import type { FieldError } from './types';
import { getToken } from './session';

/** An API answer other than 2xx, carrying the problem+json detail and its field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const API = '/api/v1';

export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}`, ...extra } : { ...extra };
}

/** Reads a problem+json (or any) error body into an ApiError. */
export async function toApiError(res: Response): Promise<ApiError> {
  let detail = `${res.status} ${res.statusText}`.trim();
  let errors: FieldError[] = [];
  try {
    const text = await res.text();
    if (text) {
      const body = JSON.parse(text);
      if (body && typeof body === 'object') {
        detail = body.detail || body.title || body.message || detail;
        if (Array.isArray(body.errors)) errors = body.errors;
      }
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, detail, errors);
}

export interface RequestOptions {
  method?: string;
  body?: BodyInit | object | null;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls the API with the session's bearer token; JSON in and out unless told otherwise. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers = authHeaders({ Accept: 'application/json', ...(options.headers ?? {}) });
  let body: BodyInit | undefined;
  if (options.body != null) {
    if (typeof options.body === 'string' || options.body instanceof Blob) {
      body = options.body as BodyInit;
      headers['Content-Type'] = options.contentType ?? 'text/plain';
    } else {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = options.contentType ?? 'application/json';
    }
  }
  const res = await fetch(path.startsWith('/') ? path : `${API}/${path}`, {
    method: options.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    signal: options.signal,
  });
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401) onUnauthorized?.(error);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

let onUnauthorized: ((e: ApiError) => void) | undefined;

/** The app signs out when a token stops working (revoked, or the server restarted with another). */
export function setUnauthorizedHandler(handler: ((e: ApiError) => void) | undefined) {
  onUnauthorized = handler;
}

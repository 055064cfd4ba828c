/**
 * The one way the client talks REST: same-origin JSON with the session cookie. Every failure
 * becomes an `ApiError` whose message can be shown to the person as is. A 401 on a request made
 * while signed in means the session ended elsewhere (logged out, disabled, role changed): the
 * listeners registered with `onUnauthorized` hear about it, once per request.
 */
import type { ApiErrorBody } from '@copydesk/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before trying again (from Retry-After), when the server said. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /**
   * A 401 is an expected answer here (sign-in, "who am I", setup), not a session that ended:
   * do not tell the `onUnauthorized` listeners.
   */
  expect401?: boolean;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request answers 401 unexpectedly. Returns a function that unsubscribes. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (!isRecord(body) || !isRecord(body.error)) return false;
  return typeof body.error.message === 'string' && typeof body.error.code === 'string';
}

export function unexpected(status: number): ApiError {
  return new ApiError(status, 'bad_response', 'The server sent an answer this page does not understand.');
}

function retryAfterSeconds(res: Response): number | undefined {
  const seconds = Number(res.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

export async function request(path: string, { method = 'GET', body, expect401 = false }: RequestOptions = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): handled below.
  }
  if (res.ok) return parsed;
  if (res.status === 401 && !expect401) for (const listener of unauthorizedListeners) listener();
  if (isErrorBody(parsed)) throw new ApiError(res.status, parsed.error.code, parsed.error.message, retryAfterSeconds(res));
  throw new ApiError(res.status, 'http_' + res.status, `The server answered ${res.status} ${res.statusText}.`.trim(), retryAfterSeconds(res));
}

/**
 * The one way the client talks REST: same-origin JSON with the session cookie. Every failure
 * becomes an `ApiError` whose message can be shown to the person as is. A 401 on a request made
 * while signed in means the session ended elsewhere (logged out, disabled, role changed): the
 * listeners registered with `onUnauthorized` hear about it, once per request.
 */
import { isApiErrorCode, type ApiErrorCode } from '@copydesk/shared';

/**
 * Codes only the client gives a failure: no answer at all, an answer this page cannot read, and
 * an error answer without a code it knows (a proxy's page, a newer server's new code).
 */
export type ClientErrorCode = 'network' | 'bad_response' | `http_${number}`;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | ClientErrorCode,
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

/** An `{error: {code, message}}` answer; the code is checked against the list where it is used. */
function isErrorBody(body: unknown): body is { error: { code: string; message: string } } {
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
  const httpCode = `http_${res.status}` as const;
  if (isErrorBody(parsed)) {
    const { code, message } = parsed.error;
    throw new ApiError(res.status, isApiErrorCode(code) ? code : httpCode, message, retryAfterSeconds(res));
  }
  throw new ApiError(res.status, httpCode, `The server answered ${res.status} ${res.statusText}.`.trim(), retryAfterSeconds(res));
}

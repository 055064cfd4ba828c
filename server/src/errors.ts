/**
 * Error factories: each returns an HTTPException whose response is the API's error shape
 * `{error: {code, message}}`, with a stable code clients can branch on.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody } from '@copydesk/shared';

export function apiError(
  status: ContentfulStatusCode,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): HTTPException {
  const body: ApiErrorBody = { error: { code, message } };
  return new HTTPException(status, {
    message,
    res: new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    }),
  });
}

export const errors = {
  badRequest: (message: string) => apiError(400, 'bad_request', message),
  notFound: (what = 'Resource') => apiError(404, 'not_found', `${what} not found.`),
  payloadTooLarge: (limitBytes?: number) =>
    apiError(413, 'payload_too_large', `The request body is too large${limitBytes === undefined ? '' : ` (at most ${limitBytes} bytes)`}.`),
  internal: () => apiError(500, 'internal', 'Something went wrong on the server.'),
  /** A password check refused by the login throttle (auth/throttle.ts) for `seconds`. */
  tooManyAttempts: (seconds: number, what = 'failed sign-ins') =>
    apiError(429, 'too_many_attempts', `Too many ${what}. Try again in ${seconds} seconds.`, { 'Retry-After': String(seconds) }),
  rateLimited: (message: string, retryAfterSeconds: number) =>
    apiError(429, 'rate_limited', message, { 'Retry-After': String(retryAfterSeconds) }),
};

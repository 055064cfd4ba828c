/** Domain errors become their API errors in one place; anything else is logged and answered 500 `internal`. */
import { Hono } from 'hono';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { API_ERRORS, type ApiErrorCode } from '@copydesk/shared';
import { ThreadNotFoundError } from '../articles/comments.js';
import { SlugTakenError, UnknownUserError } from '../articles/repo.js';
import { VersionNotFoundError } from '../articles/versions.js';
import { TransitionRefusedError } from '../articles/workflow.js';
import { EmailTakenError, LastAdminError } from '../auth/users.js';
import { errors } from '../errors.js';
import { errorResponse } from './error-response.js';

function appThrowing(err: Error) {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const app = new Hono().get('/', () => {
    throw err;
  });
  app.onError(errorResponse(log));
  return { app, lines };
}

describe('errorResponse', () => {
  const cases: [Error, ApiErrorCode, string][] = [
    [new VersionNotFoundError('version 9'), 'not_found', 'Version not found.'],
    [new ThreadNotFoundError('t1'), 'not_found', 'Comment thread not found.'],
    [new UnknownUserError(), 'unknown_user', API_ERRORS.unknown_user.message],
    [new SlugTakenError('a-slug'), 'slug_taken', API_ERRORS.slug_taken.message],
    [new EmailTakenError('a@b.test'), 'email_taken', API_ERRORS.email_taken.message],
    [new LastAdminError(), 'last_admin', API_ERRORS.last_admin.message],
    [new TransitionRefusedError({ code: 'role_cannot', message: 'Only editors can approve.' }), 'role_cannot', 'Only editors can approve.'],
    [errors.rateLimited('Slow down.', 7), 'rate_limited', 'Slow down.'],
  ];
  for (const [err, code, message] of cases) {
    it(`answers ${err.name} with ${API_ERRORS[code].status} ${code}`, async () => {
      const { app, lines } = appThrowing(err);
      const res = await app.request('/');
      expect(res.status).toBe(API_ERRORS[code].status);
      expect(await res.json()).toEqual({ error: { code, message } });
      expect(lines).toEqual([]);
    });
  }

  it('answers anything else with 500 internal, and logs it', async () => {
    const { app, lines } = appThrowing(new TypeError('x is undefined'));
    const res = await app.request('/');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: API_ERRORS.internal.message } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'unhandled error', path: '/', err: { message: 'x is undefined' } });
  });
});

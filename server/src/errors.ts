/**
 * Error factories, one per code of the shared list (shared/src/errors.ts): each returns an
 * HTTPException whose response is the API's error shape `{error: {code, message}}`, with the
 * status the list gives the code and, unless the factory says something more precise, the
 * list's sentence. Domain errors, thrown by code that knows nothing of HTTP, become these in
 * one place: http/error-response.ts.
 */
import { HTTPException } from 'hono/http-exception';
import { API_ERRORS, SECTIONS_MAX, type ApiErrorBody, type ApiErrorCode, type Refusal, type RefusalCode } from '@copydesk/shared';

function apiError(code: ApiErrorCode, message: string = API_ERRORS[code].message, headers: Record<string, string> = {}): HTTPException {
  const { status } = API_ERRORS[code];
  const body: ApiErrorBody = { error: { code, message } };
  return new HTTPException(status, {
    message,
    res: new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    }),
  });
}

/** `bad_origin` -> `badOrigin`: the name of a code's factory. */
type FactoryName<C extends string> = C extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<FactoryName<Tail>>}` : C;

/**
 * Exactly one factory per code: the workflow's refusals share `refused`, since their sentence
 * comes from the shared workflow; every other code has the factory named for it.
 */
type Factories = { [C in Exclude<ApiErrorCode, RefusalCode> as FactoryName<C>]: (...args: never[]) => HTTPException } & {
  refused: (refusal: Refusal) => HTTPException;
};

export const errors = {
  /** The message names what was wrong (for a body, the fields). */
  badRequest: (message: string) => apiError('bad_request', message),
  wrongPassword: () => apiError('wrong_password'),
  unknownUser: () => apiError('unknown_user'),
  headlineRequired: () => apiError('headline_required'),
  bodyRequired: () => apiError('body_required'),
  slugRequired: () => apiError('slug_required'),
  /** `reason` says what is wrong with the URL (webhooks/targets.ts). */
  badTarget: (reason: string) => apiError('bad_target', reason),
  badLimit: (max: number) => apiError('bad_limit', `limit must be a whole number from 1 to ${max}.`),
  unauthenticated: (message?: string, headers?: Record<string, string>) => apiError('unauthenticated', message, headers),
  invalidCredentials: () => apiError('invalid_credentials'),
  forbidden: (message?: string) => apiError('forbidden', message),
  badOrigin: (message?: string) => apiError('bad_origin', message),
  badSetupToken: () => apiError('bad_setup_token'),
  notFound: (what: string) => apiError('not_found', `${what} not found.`),
  alreadySetUp: () => apiError('already_set_up'),
  emailTaken: () => apiError('email_taken'),
  lastAdmin: () => apiError('last_admin'),
  slugTaken: () => apiError('slug_taken'),
  unknownSection: () => apiError('unknown_section'),
  sectionTaken: () => apiError('section_taken'),
  sectionsFull: () => apiError('sections_full', `The list of sections is full (${SECTIONS_MAX}). Remove one first.`),
  stateChanged: () => apiError('state_changed'),
  /** A transition the shared workflow refused, with its reason. */
  refused: (refusal: Refusal) => apiError(refusal.code, refusal.message),
  payloadTooLarge: (limitBytes: number) => apiError('payload_too_large', `The request body is too large (at most ${limitBytes} bytes).`),
  upgradeRequired: () => apiError('upgrade_required'),
  /** A password check refused by the login throttle (auth/throttle.ts) for `seconds`. */
  tooManyAttempts: (seconds: number, what = 'failed sign-ins') =>
    apiError('too_many_attempts', `Too many ${what}. Try again in ${seconds} seconds.`, { 'Retry-After': String(seconds) }),
  rateLimited: (message: string, retryAfterSeconds: number) => apiError('rate_limited', message, { 'Retry-After': String(retryAfterSeconds) }),
  internal: () => apiError('internal'),
  restoreFailed: () => apiError('restore_failed'),
} satisfies Factories;

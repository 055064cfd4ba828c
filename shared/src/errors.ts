/**
 * Every error code the API answers with, its HTTP status and its default sentence: the one list
 * the server's factories (server/src/errors.ts), the client's `errorMessage` and the table in
 * docs/api.md are built from or checked against. The workflow's refusals (workflow.ts) are codes
 * here too, since the server sends them as they are.
 *
 * The default sentence is what a code means to a person; the server may send a more precise one
 * (which fields, how many seconds), and that one is shown instead.
 */

export const API_ERRORS = {
  bad_request: { status: 400, message: 'The request is not valid.' },
  wrong_password: { status: 400, message: 'Your current password is not correct.' },
  unknown_user: { status: 400, message: 'Assignees must be existing people.' },
  unknown_section: { status: 400, message: 'Choose a section from the newsroom’s list.' },
  note_required: { status: 400, message: 'Say what needs to change: a note is required.' },
  reason_required: { status: 400, message: 'Say why the article is taken down: a reason is required.' },
  publish_time_required: { status: 400, message: 'Choose a publish time in the future.' },
  headline_required: { status: 400, message: 'Write a headline before publishing.' },
  body_required: { status: 400, message: 'The article has no text to publish.' },
  slug_required: { status: 400, message: 'Give the article a slug before publishing.' },
  bad_target: { status: 400, message: 'Webhooks cannot be sent to that URL.' },
  bad_limit: { status: 400, message: 'The page size is out of range.' },
  unauthenticated: { status: 401, message: 'Sign in to continue.' },
  invalid_credentials: { status: 401, message: 'That email and password do not match an active account.' },
  forbidden: { status: 403, message: 'You do not have permission to do that.' },
  role_cannot: { status: 403, message: 'Only editors can do that.' },
  bad_origin: { status: 403, message: 'This request came from another site and was refused.' },
  bad_setup_token: { status: 403, message: 'That setup token is not valid.' },
  not_found: { status: 404, message: 'Not found.' },
  already_set_up: { status: 409, message: 'Copydesk already has an administrator. Sign in instead.' },
  email_taken: { status: 409, message: 'Someone already has an account with that email.' },
  last_admin: { status: 409, message: 'Copydesk needs at least one active administrator.' },
  slug_taken: { status: 409, message: 'Another article already uses that slug.' },
  section_taken: { status: 409, message: 'There is already a section with that name.' },
  sections_full: { status: 409, message: 'The list of sections is full. Remove one first.' },
  not_allowed_in_state: { status: 409, message: 'The article’s status does not allow that step.' },
  state_changed: { status: 409, message: 'Someone else changed this article’s status a moment ago. Reload to see it.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  upgrade_required: { status: 426, message: 'This endpoint speaks the y-websocket protocol over WebSocket.' },
  too_many_attempts: { status: 429, message: 'Too many failed sign-ins. Try again later.' },
  rate_limited: { status: 429, message: 'Too many requests. Try again later.' },
  internal: { status: 500, message: 'Something went wrong on the server.' },
  restore_failed: { status: 500, message: 'The version could not be restored.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** The codes in the order of the list (by status), as docs/api.md shows them. */
export const API_ERROR_CODES = Object.keys(API_ERRORS) as ApiErrorCode[];

/** The codes the shared workflow refuses a transition with (`Refusal` in workflow.ts). */
export const REFUSAL_CODES = ['not_allowed_in_state', 'role_cannot', 'note_required', 'reason_required', 'publish_time_required'] as const satisfies readonly ApiErrorCode[];
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** The API's error shape: `{error: {code, message}}`. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export function isApiErrorCode(value: string): value is ApiErrorCode {
  return Object.hasOwn(API_ERRORS, value);
}

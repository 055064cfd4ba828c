/**
 * The one place an error becomes an HTTP answer. Route handlers and middleware throw the
 * factories of errors.ts, which carry their response; repositories and services throw domain
 * errors that know nothing of HTTP, and get their API error here. Anything else is a bug: logged
 * with its cause, answered 500 `internal` without details.
 */
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ThreadNotFoundError } from '../articles/comments.js';
import { SlugTakenError, UnknownUserError } from '../articles/repo.js';
import { SectionTakenError, SectionsFullError, UnknownSectionError } from '../articles/sections.js';
import { VersionNotFoundError } from '../articles/versions.js';
import { TransitionRefusedError } from '../articles/workflow.js';
import { EmailTakenError, LastAdminError } from '../auth/users.js';
import { errors } from '../errors.js';
import type { Logger } from '../logger.js';

/** The API error for `err`, or undefined when it is not one the API expects. */
export function toHttpError(err: unknown): HTTPException | undefined {
  if (err instanceof HTTPException) return err;
  if (err instanceof TransitionRefusedError) return errors.refused(err.refusal);
  if (err instanceof VersionNotFoundError) return errors.notFound('Version');
  if (err instanceof ThreadNotFoundError) return errors.notFound('Comment thread');
  if (err instanceof UnknownUserError) return errors.unknownUser();
  if (err instanceof SlugTakenError) return errors.slugTaken();
  if (err instanceof UnknownSectionError) return errors.unknownSection();
  if (err instanceof SectionTakenError) return errors.sectionTaken();
  if (err instanceof SectionsFullError) return errors.sectionsFull();
  if (err instanceof EmailTakenError) return errors.emailTaken();
  if (err instanceof LastAdminError) return errors.lastAdmin();
  return undefined;
}

/** For `app.onError`. */
export function errorResponse(log: Logger): ErrorHandler {
  return function errorResponse(err, c) {
    const known = toHttpError(err);
    if (known) return known.getResponse();
    log.error({ err, path: c.req.path }, 'unhandled error');
    return errors.internal().getResponse();
  };
}

/**
 * The sentence a page shows for a failed request. The server writes its messages for people
 * (which fields, how many seconds), so an `ApiError` shows its own; one that came without
 * words gets its code's default sentence from the shared list. Anything else (a bug, a thrown
 * string) gets the caller's `fallback`, which says what did not happen.
 */
import { API_ERRORS, isApiErrorCode } from '@copydesk/shared';
import { ApiError } from './http.js';

export function errorMessage(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  if (error.message) return error.message;
  return isApiErrorCode(error.code) ? API_ERRORS[error.code].message : fallback;
}

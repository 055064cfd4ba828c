/** Signing in and out, who is signed in, one's own password, and first-run setup. */
import { API_ERRORS, ROLES, type PublicUser } from '@copydesk/shared';
import { ApiError, isRecord, request, unexpected } from './http.js';

export function isPublicUser(value: unknown): value is PublicUser {
  if (!isRecord(value)) return false;
  return (
    typeof value.id === 'string' &&
    typeof value.email === 'string' &&
    typeof value.name === 'string' &&
    (ROLES as readonly unknown[]).includes(value.role) &&
    typeof value.color === 'string' &&
    typeof value.disabled === 'boolean'
  );
}

/**
 * The `user` of an answer. /api/me leaves out `disabled` (a signed-in account is never
 * disabled), so a missing flag reads as false.
 */
export function userFrom(body: unknown, status: number): PublicUser {
  const user = isRecord(body) && isRecord(body.user) ? { disabled: false, ...body.user } : undefined;
  if (isPublicUser(user)) return user;
  throw unexpected(status);
}

/** The signed-in person, or null when no one is (a network failure still throws). */
export async function fetchMe(): Promise<PublicUser | null> {
  try {
    return userFrom(await request('/api/me', { expect401: true }), 200);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/**
 * Asks whether this page's session is still good, after a stream or socket of it was refused
 * (a browser does not show why). A 401 is not expected here: it tells the `onUnauthorized`
 * listeners, and the session ends. Failures of any other kind are ignored (the caller retries).
 */
export async function checkSession(): Promise<void> {
  try {
    await request('/api/me');
  } catch {
    // Unreachable or struggling: nothing is known, the stream's own retry goes on.
  }
}

/**
 * The reason in a 401, when it is more than "sign in": an administrator ended the session (the
 * server keeps saying why for a day, on every request the old cookie makes).
 */
export function endingReason(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 401 || error.code !== 'unauthenticated') return undefined;
  return error.message && error.message !== API_ERRORS.unauthenticated.message ? error.message : undefined;
}

/** Why this browser's session was ended, if an administrator ended it. */
export async function sessionEndedReason(): Promise<string | undefined> {
  try {
    await request('/api/me', { expect401: true });
    return undefined;
  } catch (error) {
    return endingReason(error);
  }
}

export async function login(email: string, password: string): Promise<PublicUser> {
  return userFrom(await request('/api/auth/login', { method: 'POST', body: { email, password }, expect401: true }), 200);
}

export async function logout(): Promise<void> {
  await request('/api/auth/logout', { method: 'POST', expect401: true });
}

export async function changePassword(current: string, password: string): Promise<void> {
  await request('/api/me/password', { method: 'POST', body: { current, password } });
}

export async function setupNeeded(): Promise<boolean> {
  const body = await request('/api/setup', { expect401: true });
  if (isRecord(body) && typeof body.needed === 'boolean') return body.needed;
  throw unexpected(200);
}

export interface SetupInput {
  token: string;
  email: string;
  name: string;
  password: string;
}

export async function setup(input: SetupInput): Promise<PublicUser> {
  return userFrom(await request('/api/setup', { method: 'POST', body: input, expect401: true }), 201);
}
